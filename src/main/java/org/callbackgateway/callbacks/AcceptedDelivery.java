package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.UUID;

/**
 * An accepted delivery as it is stored at the end of its transaction: the values of its row that the event log's
 * {@code delivery.received} carries, handed over by whoever stored it, so that no one reads the row back.
 *
 * @param receivedAt the instant the row was written with (PostgreSQL keeps microseconds, and rounds this instant
 *                   as it rounded the row's); with the id, it names the row and its partition
 * @param jobId the job it named, if any
 */
public record AcceptedDelivery(long id, String source, String eventType, String deliveryKey, String contentType,
                               Instant receivedAt, UUID jobId, Processing processing) {
}
