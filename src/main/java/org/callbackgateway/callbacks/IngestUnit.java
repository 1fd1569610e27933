package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.StatusRequest;

/**
 * One delivery to store with the others waiting at the same moment ({@link DeliveryBatch}), and what storing it
 * means. A delivery with a key is stored only when no accepted delivery of its source has that key; otherwise it
 * is stored as a duplicate and nothing of its plan is applied.
 *
 * @param headersJson the headers kept for readers, as a JSON object (null: none)
 * @param signaturesJson the headers that carry a signature, kept for replays (null: none)
 * @param replay set when the unit replays a stored delivery
 */
public record IngestUnit(String source, String deliveryKey, String eventType, String contentType, byte[] body,
                         int bodySize, String headersJson, String signaturesJson, Verification verification,
                         String verificationDetail, Instant receivedAt, Optional<ReplayMark> replay, Plan plan) {

    /**
     * An unsigned delivery as it arrived, its text made fit for the columns as {@link DeliveryInbox#record} makes
     * it (whatever the sender put in its headers, the attempt is stored).
     */
    public static IngestUnit unsigned(InboundDelivery delivery, Plan plan) {
        return new IngestUnit(StoredText.column(delivery.source(), StoredText.SHORT_COLUMN),
                StoredText.column(delivery.deliveryKey().orElse(null), StoredText.KEY_COLUMN),
                StoredText.column(delivery.eventType().orElse(null), StoredText.SHORT_COLUMN),
                StoredText.column(delivery.contentType().orElse(null), StoredText.SHORT_COLUMN),
                delivery.body().orElse(null), delivery.bodySize(), null, null, Verification.UNSIGNED, null,
                delivery.receivedAt(), delivery.replay(), plan);
    }

    /** What the delivery does once stored. */
    public sealed interface Plan {
        /** Stored as received; nothing in the gateway acts on it. */
        Plan STORE_ONLY = new Settle(Processing.RECEIVED, null);

        /** Settled as {@code processing} without touching a job. */
        record Settle(Processing processing, String detail) implements Plan {
        }

        /**
         * A job's status change; the batch fills in the delivery id. {@code meaning} says what the change's result
         * (empty: no such job) makes of the delivery.
         */
        record Status(StatusRequest request, Function<Optional<JobStatusService.Result>, PayloadProcessor.Applied> meaning)
                implements Plan {
        }
    }

    /** What became of the unit: its delivery row, and whether it repeated an accepted one. */
    public record Ingested(long deliveryId, Processing processing, String detail, boolean duplicate) {
    }
}
