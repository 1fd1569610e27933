package org.callbackgateway.forwarding;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.callbackgateway.events.EventTypes;
import org.callbackgateway.web.ApiException;

/**
 * What a subscription request may hold; each refusal names the field.
 */
final class SubscriptionRules {
    static final int DEFAULT_TIMEOUT_MS = 10_000;
    private static final Pattern SOURCE = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$");
    // Set by the gateway on every request; a subscription cannot replace them.
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "connection",
            "transfer-encoding", "webhook-id", "webhook-timestamp", "webhook-signature", "user-agent", "expect",
            "upgrade", "te", "trailer", "keep-alive", "proxy-authorization");

    private SubscriptionRules() {
    }

    static List<String> sources(List<String> sources) {
        List<String> given = sources == null ? List.of() : sources;
        if (given.size() > 50) {
            throw ApiException.badRequest("sources: at most 50");
        }
        for (String source : given) {
            if (source == null || !SOURCE.matcher(source).matches()) {
                throw ApiException.badRequest("sources: not a source name: " + quoted(source));
            }
        }
        return List.copyOf(given);
    }

    static List<String> eventTypes(List<String> types) {
        List<String> given = types == null ? List.of() : types;
        for (String type : given) {
            if (type == null || !EventTypes.ALL.contains(type)) {
                throw ApiException.badRequest("event_types: unknown event type " + quoted(type)
                        + " (known: " + String.join(", ", EventTypes.ALL.stream().sorted().toList()) + ")");
            }
        }
        return List.copyOf(given);
    }

    static String jobOwner(String owner) {
        if (owner != null && (owner.isBlank() || owner.length() > 256)) {
            throw ApiException.badRequest("job_owner: 1 to 256 characters");
        }
        return owner;
    }

    static UUID jobId(String id) {
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("job_id: not a job id");
        }
    }

    static int timeoutMs(Integer timeout) {
        if (timeout == null) {
            return DEFAULT_TIMEOUT_MS;
        }
        if (timeout < 100 || timeout > 60_000) {
            throw ApiException.badRequest("timeout_ms: between 100 and 60000");
        }
        return timeout;
    }

    static String description(String description) {
        if (description != null && description.length() > 256) {
            throw ApiException.badRequest("description: at most 256 characters");
        }
        return description;
    }

    static Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> given = headers == null ? Map.of() : headers;
        if (given.size() > 20) {
            throw ApiException.badRequest("headers: at most 20");
        }
        for (Map.Entry<String, String> header : given.entrySet()) {
            String name = header.getKey();
            if (!HEADER_NAME.matcher(name).matches() || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw ApiException.badRequest("headers: " + quoted(name) + " cannot be set");
            }
            String value = header.getValue();
            if (value == null || value.length() > 4096 || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t')) {
                throw ApiException.badRequest("headers: the value of " + name + " must be 1 to 4096 visible ASCII characters");
            }
        }
        return Map.copyOf(given);
    }

    private static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
