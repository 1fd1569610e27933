package org.callbackgateway.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event of the log, as consumers read it.
 *
 * @param position its place in the log: commit order, strictly increasing, read with {@code position > N}
 * @param id its stable public id ({@code evt_...}), the {@code webhook-id} of every forwarded copy
 * @param type what happened ({@link EventTypes})
 * @param source the callback source it concerns, or null
 * @param deliveryId the stored delivery it concerns, or null
 * @param jobId the job it concerns, or null
 * @param jobOwner that job's owner, or null
 * @param occurredAt when it happened
 * @param data the event's JSON object, as text
 * @param rowId the row's insertion id, for joins within the gateway; never an order to read by
 */
public record Event(long position, String id, String type, String source, Long deliveryId, UUID jobId,
                    String jobOwner, Instant occurredAt, String data, long rowId) {
}
