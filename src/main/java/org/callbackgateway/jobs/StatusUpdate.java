package org.callbackgateway.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of a job's status history: a change that was applied, or one that was ignored and why; {@code basis}
 * says whether the status was reported by the callback or pulled from the upstream API (null before it was kept).
 */
public record StatusUpdate(
        long id,
        UUID jobId,
        Long deliveryId,
        String origin,
        String remoteStatus,
        String oldStatus,
        String newStatus,
        Outcome outcome,
        String reason,
        String basis,
        String claimedStatus,
        Instant createdAt) {

    /** Whether the change moved the job. */
    public enum Outcome {
        APPLIED, IGNORED;

        public String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
