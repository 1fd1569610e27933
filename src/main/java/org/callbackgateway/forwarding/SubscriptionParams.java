package org.callbackgateway.forwarding;

import java.util.Set;
import java.util.UUID;
import org.callbackgateway.web.ApiException;

/**
 * The path and query parameters of the subscriptions API, read strictly.
 */
final class SubscriptionParams {
    private static final Set<String> STATES = Set.of("pending", "delivered", "failed");

    private SubscriptionParams() {
    }

    static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    static UUID secretId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("secret not found");
        }
    }

    static ApiException notFound(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
        return ApiException.notFound("subscription " + shown.replaceAll("\\p{Cntrl}", "?") + " not found");
    }

    static int limit(String limit) {
        try {
            int value = Integer.parseInt(limit);
            if (value < 1 || value > ForwardingService.MAX_LIMIT) {
                throw ApiException.illegalArgument("limit must be between 1 and " + ForwardingService.MAX_LIMIT);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.illegalArgument("limit must be a whole number");
        }
    }

    static long before(String before) {
        if (before == null || before.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(before);
        } catch (NumberFormatException e) {
            throw ApiException.illegalArgument("before must be a whole number");
        }
    }

    static String state(String state) {
        if (state != null && !STATES.contains(state)) {
            throw ApiException.illegalArgument("state must be pending, delivered or failed");
        }
        return state;
    }
}
