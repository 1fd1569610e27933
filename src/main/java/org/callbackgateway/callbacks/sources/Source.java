package org.callbackgateway.callbacks.sources;

import java.time.Instant;

/**
 * A row of {@code sources}: a sender of signed callbacks and its verification settings.
 */
public record Source(
        String name,
        String type,
        Integer maxBodyBytes,
        Integer toleranceSeconds,
        boolean allowSha1,
        String keysUrl,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {
}
