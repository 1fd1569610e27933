package org.callbackgateway.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event to append to the log, in the transaction of whatever caused it.
 *
 * @param type what happened ({@link EventTypes})
 * @param source the callback source it concerns, or null
 * @param deliveryId the stored delivery it concerns, or null
 * @param jobId the job it concerns, or null
 * @param jobOwner that job's owner, or null
 * @param occurredAt when it happened
 * @param data the event's JSON object, as text
 */
public record NewEvent(String type, String source, Long deliveryId, UUID jobId, String jobOwner, Instant occurredAt,
                       String data) {
    public NewEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
    }
}
