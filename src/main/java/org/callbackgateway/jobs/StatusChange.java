package org.callbackgateway.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * A request to move a job's status, as a callback reported it or as the upstream API answered.
 *
 * @param origin what reported it ({@code notification}, {@code agave}, {@code tapis}, ...)
 * @param remoteStatus the status text exactly as reported
 * @param target the DE status it maps to; empty when the reported status is unknown
 * @param startDate when the job started, if reported
 * @param endDate when the job ended, if reported
 * @param deliveryId the stored delivery this change came from, if any
 * @param basis how the status was established: as the callback reported it, or pulled from the upstream API
 * @param claimedStatus for a pulled status, what the callback that caused the pull claimed, if anything
 */
public record StatusChange(
        String origin,
        String remoteStatus,
        Optional<JobStatus> target,
        Optional<Instant> startDate,
        Optional<Instant> endDate,
        Optional<Long> deliveryId,
        Basis basis,
        Optional<String> claimedStatus) {

    /** A change as the callback reported it. */
    public StatusChange(String origin, String remoteStatus, Optional<JobStatus> target, Optional<Instant> startDate,
                        Optional<Instant> endDate, Optional<Long> deliveryId) {
        this(origin, remoteStatus, target, startDate, endDate, deliveryId, Basis.REPORTED, Optional.empty());
    }

    /** How a change's status was established. */
    public enum Basis {
        /** Taken from the callback as it was sent. */
        REPORTED,
        /** Read from the upstream API, whatever the callback said. */
        PULLED;

        public String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
