package org.callbackgateway.hpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.callbackgateway.db.Timestamps;
import org.callbackgateway.web.ApiException;

/**
 * A Tapis v3 job notification: {@code {"event": {"type": "jobs.JOB_NEW_STATUS.<STATUS>", "timestamp": ...,
 * "data": "<JSON with jobUuid, newJobStatus, ...>"}}}.
 *
 * @param jobUuid the Tapis job the event is about
 * @param status the new Tapis status
 * @param timestamp when it happened, if given
 */
public record TapisEvent(String jobUuid, String status, Optional<Instant> timestamp) {
    private static final String NEW_STATUS = "jobs.JOB_NEW_STATUS.";

    /**
     * @throws ApiException 400 naming what is missing or malformed
     */
    public static TapisEvent parse(byte[] body, ObjectMapper mapper) {
        JsonNode event = read(mapper, body, "the request body").path("event");
        if (!event.isObject()) {
            throw ApiException.badRequest("event must be a JSON object");
        }
        JsonNode type = event.path("type");
        if (!type.isTextual() || !type.textValue().startsWith(NEW_STATUS)) {
            throw ApiException.badRequest("event.type must be " + NEW_STATUS + "<STATUS>");
        }
        JsonNode data = event.path("data");
        if (data.isTextual()) {
            data = read(mapper, data.textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8), "event.data");
        }
        if (!data.isObject()) {
            throw ApiException.badRequest("event.data must be a JSON object or a string holding one");
        }
        JsonNode jobUuid = data.path("jobUuid");
        if (!jobUuid.isTextual() || jobUuid.textValue().isBlank() || jobUuid.textValue().length() > 512) {
            throw ApiException.badRequest("event.data.jobUuid is required");
        }
        if (hasControl(jobUuid.textValue())) {
            throw ApiException.badRequest("event.data.jobUuid must not contain control characters");
        }
        JsonNode newStatus = data.path("newJobStatus");
        String status = newStatus.isTextual() && !newStatus.textValue().isBlank()
                ? newStatus.textValue()
                : type.textValue().substring(NEW_STATUS.length());
        if (status.isBlank() || status.length() > 64) {
            throw ApiException.badRequest("the event carries no status");
        }
        if (hasControl(status)) {
            throw ApiException.badRequest("the event's status must not contain control characters");
        }
        return new TapisEvent(jobUuid.textValue(), status, timestamp(event.path("timestamp")));
    }

    private static JsonNode read(ObjectMapper mapper, byte[] json, String what) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest(what + " must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(what + " is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest(what + " could not be read");
        }
    }

    /** NUL cannot be stored, and no id or status holds a control character. */
    private static boolean hasControl(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    /** An unreadable timestamp, or one outside what the gateway stores, is as good as none. */
    private static Optional<Instant> timestamp(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.textValue()).toInstant()).filter(Timestamps::storable);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
