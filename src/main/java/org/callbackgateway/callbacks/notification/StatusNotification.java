package org.callbackgateway.callbacks.notification;

import java.time.Instant;
import java.util.Optional;

/**
 * A notification-agent {@code job_status_change} message, reduced to what moves a job.
 *
 * @param jobId the job's internal or external id ({@code payload.id})
 * @param status the DE status as sent ({@code payload.status})
 * @param startDate {@code payload.startdate}, when set
 * @param endDate {@code payload.enddate}, when set
 */
public record StatusNotification(String jobId, String status, Optional<Instant> startDate, Optional<Instant> endDate) {
}
