package org.callbackgateway.jobs;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads internal job ids: canonical UUIDs only, so that no odd spelling of an id reaches the database.
 */
public final class JobIds {
    private JobIds() {
    }

    public static Optional<UUID> parse(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
