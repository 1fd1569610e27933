package org.callbackgateway.fuzz;

import java.time.Instant;
import java.util.Optional;
import org.callbackgateway.db.Timestamps;
import org.callbackgateway.web.ApiException;

/**
 * What fuzz targets may end with besides success: a refusal answered 4xx; and what a success must hold to reach
 * PostgreSQL without a 500: text without NUL that fits its column, instants PostgreSQL can store.
 */
public final class FuzzChecks {
    private FuzzChecks() {
    }

    public static void isClientError(ApiException refused) {
        if (refused.status() < 400 || refused.status() >= 500) {
            throw new AssertionError("answered " + refused.status() + ": " + refused.getMessage(), refused);
        }
    }

    /** A value bound for a {@code text} column with {@code CHECK (length(...) BETWEEN min AND max)}. */
    public static void storable(String field, String value, int minChars, int maxChars) {
        if (value == null) {
            throw new AssertionError(field + " is null");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new AssertionError(field + " holds NUL, which a text column refuses");
        }
        int length = value.codePointCount(0, value.length());
        if (length < minChars || length > maxChars) {
            throw new AssertionError(field + " has " + length + " characters, the column takes " + minChars + " to "
                    + maxChars);
        }
    }

    public static void storable(String field, Optional<Instant> instant) {
        instant.ifPresent(value -> {
            if (!Timestamps.storable(value)) {
                throw new AssertionError(field + " " + value + " is outside what the gateway stores");
            }
        });
    }

    /** A message for the caller: no Java type or package names. */
    public static void speaksPlainly(String message) {
        if (message.contains("java.") || message.contains("org.callbackgateway") || message.contains("com.fasterxml")) {
            throw new AssertionError("message leaks a Java name: " + message);
        }
    }
}
