package org.callbackgateway.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * A tracked job: its internal id is the one in callback URLs, the external id is the upstream system's;
 * {@code emailOnFinish} asks for an e-mail when it completes or fails; {@code progress} is what its source reports
 * besides the status (a JSON object, e.g. Nextflow's task counts), or null.
 */
public record Job(
        UUID id,
        String source,
        String externalId,
        String owner,
        String name,
        String appId,
        JobStatus status,
        Instant startDate,
        Instant endDate,
        Instant createdAt,
        Instant updatedAt,
        boolean emailOnFinish,
        String progress) {
}
