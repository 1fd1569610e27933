package org.callbackgateway.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.callbackgateway.config.OAuthApiConfig.TokenStyle;

/**
 * Reads token endpoint answers: RFC 6749 section 5.1, or Tapis v3's
 * {@code {"result": {"access_token": {"access_token", "expires_in"}, "refresh_token": {"refresh_token"}}}}.
 */
final class TokenResponses {
    private static final String ERROR_CODE_PATTERN = "^[A-Za-z0-9_.-]{1,64}$";

    private TokenResponses() {
    }

    /** An answer that is not a token response; the message never quotes the answer. */
    static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }
    }

    static TokenGrant parse(byte[] body, TokenStyle style, ObjectMapper mapper) throws UnreadableException {
        JsonNode root = tree(body, mapper);
        return switch (style) {
            case STANDARD -> new TokenGrant(
                    requiredText(root, "access_token"),
                    optionalText(root, "refresh_token"),
                    optionalText(root, "token_type").orElse("Bearer"),
                    optionalText(root, "scope"),
                    lifetime(root.get("expires_in")));
            case TAPIS -> {
                JsonNode result = root.path("result");
                JsonNode access = result.path("access_token");
                yield new TokenGrant(
                        requiredText(access, "access_token"),
                        optionalText(result.path("refresh_token"), "refresh_token"),
                        "Bearer",
                        Optional.empty(),
                        lifetime(access.get("expires_in")));
            }
        };
    }

    /** The OAuth {@code error} code of an error answer, when it has a well-formed one. */
    static Optional<String> errorCode(byte[] body, ObjectMapper mapper) {
        try {
            return optionalText(tree(body, mapper), "error").filter(code -> code.matches(ERROR_CODE_PATTERN));
        } catch (UnreadableException e) {
            return Optional.empty();
        }
    }

    private static JsonNode tree(byte[] body, ObjectMapper mapper) throws UnreadableException {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw new UnreadableException("not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new UnreadableException("not JSON");
        }
    }

    private static String requiredText(JsonNode node, String field) throws UnreadableException {
        return optionalText(node, field).orElseThrow(() -> new UnreadableException("no " + field));
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    /** {@code expires_in}: seconds, as a number or (some providers) a numeric string. */
    private static Optional<Duration> lifetime(JsonNode value) throws UnreadableException {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        long seconds;
        if (value.canConvertToLong() && value.isIntegralNumber()) {
            seconds = value.asLong();
        } else if (value.isTextual() && value.asText().matches("^\\d{1,10}$")) {
            seconds = Long.parseLong(value.asText());
        } else {
            throw new UnreadableException("expires_in is not a number of seconds");
        }
        if (seconds < 0) {
            throw new UnreadableException("expires_in is negative");
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }
}
