package org.callbackgateway.callbacks.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.Json;

/**
 * Reads a notification-agent message; only {@code job_status_change} notifications carry anything to apply.
 */
final class NotificationParser {
    static final String STATUS_CHANGE = "job_status_change";
    private static final int MAX_ID_LENGTH = 512;
    private static final int MAX_STATUS_LENGTH = 64;
    /** 9999-12-31T23:59:59.999Z: later instants do not fit a PostgreSQL timestamp usefully. */
    private static final long LATEST_EPOCH_MILLIS = 253_402_300_799_999L;

    private final ObjectMapper mapper;

    NotificationParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Parses the body; empty for a well-formed notification that is not a status change.
     *
     * @throws ApiException 400 when the body is not a JSON object or a status change lacks what it needs
     */
    Optional<StatusNotification> parse(byte[] body) {
        JsonNode root = readObject(body);
        JsonNode payload = root.get("payload");
        if (payload == null || payload.isNull()) {
            return Optional.empty();
        }
        if (!payload.isObject()) {
            throw ApiException.badRequest("payload must be a JSON object");
        }
        JsonNode action = payload.get("action");
        if (action == null || !action.isTextual() || !STATUS_CHANGE.equals(action.textValue())) {
            return Optional.empty();
        }
        return Optional.of(new StatusNotification(
                requiredText(payload, "id", MAX_ID_LENGTH),
                requiredText(payload, "status", MAX_STATUS_LENGTH),
                epochMillis(payload, "startdate"),
                epochMillis(payload, "enddate")));
    }

    private JsonNode readObject(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("the request body is empty; a JSON object is required");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + Json.describe(e));
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        return root;
    }

    private static String requiredText(JsonNode payload, String field, int maxLength) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("payload." + field + " is required for " + STATUS_CHANGE);
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw ApiException.badRequest("payload." + field + " must be a non-empty string");
        }
        // Refused before trimming, which would strip them: NUL cannot be stored, and no id or status holds them.
        if (node.textValue().chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("payload." + field + " must not contain control characters");
        }
        String value = node.textValue().trim();
        if (value.length() > maxLength) {
            throw ApiException.badRequest("payload." + field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** Epoch milliseconds as a string or a number; absent, "" and "0" mean none. */
    private static Optional<Instant> epochMillis(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String raw;
        if (node.isTextual()) {
            raw = node.textValue().trim();
        } else if (node.isIntegralNumber()) {
            raw = node.asText();
        } else {
            throw ApiException.badRequest("payload." + field + " must be epoch milliseconds");
        }
        if (raw.isEmpty() || raw.equals("0")) {
            return Optional.empty();
        }
        try {
            long millis = Long.parseLong(raw);
            if (millis < 0 || millis > LATEST_EPOCH_MILLIS) {
                throw ApiException.badRequest("payload." + field + " is out of range");
            }
            return Optional.of(Instant.ofEpochMilli(millis));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("payload." + field + " must be epoch milliseconds");
        }
    }
}
