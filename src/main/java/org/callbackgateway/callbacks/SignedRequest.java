package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A signed callback as received: the raw body bytes exactly as sent, before anything is trusted.
 *
 * @param source the source named by the endpoint
 * @param headers the request headers, names lower-cased, first value of each
 * @param body the raw body
 * @param receivedAt when it arrived
 */
public record SignedRequest(String source, Map<String, String> headers, byte[] body, Instant receivedAt) {

    public SignedRequest {
        headers = Map.copyOf(headers);
    }

    /** A header by case-insensitive name; blank values count as absent. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).map(String::trim)
                .filter(value -> !value.isEmpty());
    }

    /** The first of several header names that is present. */
    public Optional<String> firstHeader(String... names) {
        for (String name : names) {
            Optional<String> value = header(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }
}
