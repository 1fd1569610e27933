package org.callbackgateway.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * A job to start tracking.
 */
public record NewJob(
        String source,
        Optional<String> externalId,
        String owner,
        String name,
        Optional<String> appId,
        JobStatus status,
        Optional<Instant> startDate,
        boolean emailOnFinish) {
}
