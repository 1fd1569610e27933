package org.callbackgateway.jobs;

import java.util.Optional;
import org.callbackgateway.web.ApiException;

/**
 * Validation of the jobs API's fields, with messages that name the field.
 */
final class JobFields {
    private static final String SOURCE_PATTERN = "^[a-z0-9][a-z0-9_-]{0,62}$";

    private JobFields() {
    }

    static String source(String value) {
        if (value == null || !value.matches(SOURCE_PATTERN)) {
            throw ApiException.badRequest("source must be 1 to 63 lower-case letters, digits, '_' or '-'");
        }
        return value;
    }

    static String requiredText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return checked(field, value, maxLength);
    }

    static Optional<String> optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(checked(field, value, maxLength));
    }

    static int limit(String value, int defaultLimit, int maxLimit) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit must be a whole number from 1 to " + maxLimit);
    }

    /** A caller's value, shortened for an error message. */
    static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    /**
     * Control characters are refused before trimming: {@code trim()} strips them too, and a value of only NUL would
     * otherwise turn into an empty string that the column's check constraint refuses.
     */
    private static String checked(String field, String raw, int maxLength) {
        if (raw.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(field + " must not contain control characters");
        }
        String value = raw.trim();
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw ApiException.badRequest(field + " is longer than " + maxLength + " characters");
        }
        return value;
    }
}
