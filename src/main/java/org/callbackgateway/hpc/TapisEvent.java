package org.callbackgateway.hpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.callbackgateway.web.ApiException;

/**
 * A Tapis v3 notification as the Notifications service delivers it: {@code {"uuid", "tenant", "subscriptionName",
 * "eventUuid", "event": {"source", "type", "subject", "data", "seriesId", "seriesSeqCount", "timestamp", ...},
 * "deliveryTarget", "created"}}. For job events the Jobs service sets {@code type} to
 * {@code jobs.<JobEventType>.<detail>}, {@code subject} to the job's uuid and {@code data} to a JSON string
 * ({@code jobUuid}, {@code newJobStatus}, ... for {@code JOB_NEW_STATUS}); a {@code JOB_USER_EVENT}'s data is the
 * user's own text, and other events may carry {@code data: null}.
 *
 * @param type the event type, e.g. {@code jobs.JOB_NEW_STATUS.FINISHED}
 * @param jobUuid the Tapis job a status change is about (from {@code data.jobUuid}, else {@code subject})
 * @param status the new Tapis status of a status change; empty for every other event
 * @param seriesSeqCount the event's place in its job's series: Tapis does not deliver in order
 * @param timestamp when it happened, if given
 */
public record TapisEvent(String type, Optional<String> jobUuid, Optional<String> status, OptionalLong seriesSeqCount,
                         Optional<Instant> timestamp) {
    private static final String NEW_STATUS = "jobs.JOB_NEW_STATUS.";
    private static final String USER_EVENT = "jobs.JOB_USER_EVENT.";
    private static final String TEST_EVENT = "notifications.test.";
    /** As the Notifications service validates event types: three parts, service.category.detail. */
    private static final Pattern TYPE = Pattern.compile("^[a-z]+\\.[a-zA-Z][a-zA-Z0-9_~-]*\\.[a-zA-Z][a-zA-Z0-9_~-]*$");

    /** Why the gateway stores this event without acting on it; empty for a status change it acts on. */
    public Optional<String> ignoredBecause() {
        if (type.startsWith(TEST_EVENT)) {
            return Optional.of("a Tapis notifications test event");
        }
        if (type.startsWith(USER_EVENT)) {
            return Optional.of("a Tapis job user event: its data is the user's own");
        }
        if (status.isEmpty()) {
            return Optional.of(type + " is not a job status change");
        }
        return Optional.empty();
    }

    /** The order note for a delivery's detail. */
    String sequenceNote() {
        return seriesSeqCount.isPresent() ? " (seriesSeqCount " + seriesSeqCount.getAsLong() + ")" : "";
    }

    /**
     * @throws ApiException 400 for what is not a Tapis notification, or a status change that names no job
     */
    public static TapisEvent parse(byte[] body, ObjectMapper mapper) {
        JsonNode event = read(mapper, body, "the request body").path("event");
        if (!event.isObject()) {
            throw ApiException.badRequest("event must be a JSON object");
        }
        JsonNode type = event.path("type");
        if (!type.isTextual() || type.textValue().length() > 128 || !TYPE.matcher(type.textValue()).matches()) {
            throw ApiException.badRequest("event.type must be a Tapis event type: <service>.<category>.<detail>");
        }
        OptionalLong sequence = event.path("seriesSeqCount").canConvertToLong()
                ? OptionalLong.of(event.path("seriesSeqCount").longValue()) : OptionalLong.empty();
        Optional<Instant> timestamp = timestamp(event.path("timestamp"));
        Optional<String> subject = text(event.path("subject"), 512);
        if (!type.textValue().startsWith(NEW_STATUS)) {
            return new TapisEvent(type.textValue(), subject, Optional.empty(), sequence, timestamp);
        }
        JsonNode data = event.path("data");
        if (data.isTextual()) {
            data = read(mapper, data.textValue().getBytes(StandardCharsets.UTF_8), "event.data");
        }
        Optional<String> jobUuid = text(data.path("jobUuid"), 512).or(() -> subject);
        if (jobUuid.isEmpty()) {
            throw ApiException.badRequest("the status event names no job (event.data.jobUuid or event.subject)");
        }
        String status = text(data.path("newJobStatus"), 64).orElse(type.textValue().substring(NEW_STATUS.length()));
        return new TapisEvent(type.textValue(), jobUuid, Optional.of(status), sequence, timestamp);
    }

    private static Optional<String> text(JsonNode node, int maxLength) {
        return node.isTextual() && !node.textValue().isBlank() && node.textValue().length() <= maxLength
                ? Optional.of(node.textValue()) : Optional.empty();
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

    private static Optional<Instant> timestamp(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.textValue()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
