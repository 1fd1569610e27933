package org.callbackgateway.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * A request to move a job's status, as a callback reported it.
 *
 * @param origin what reported it ({@code notification}, {@code agave}, {@code tapis}, ...)
 * @param remoteStatus the status text exactly as reported
 * @param target the DE status it maps to; empty when the reported status is unknown
 * @param startDate when the job started, if reported
 * @param endDate when the job ended, if reported
 * @param deliveryId the stored delivery this change came from, if any
 */
public record StatusChange(
        String origin,
        String remoteStatus,
        Optional<JobStatus> target,
        Optional<Instant> startDate,
        Optional<Instant> endDate,
        Optional<Long> deliveryId) {
}
