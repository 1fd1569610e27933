package org.callbackgateway.forwarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The notification agent's message for a {@code job.status_changed} event, as the DE sent it:
 * {@code {"type":"analysis","user","subject","message","email","payload":{...,"action":"job_status_change"}}}.
 */
final class AgentMessages {
    private final ObjectMapper mapper;

    AgentMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String body(String eventData) {
        try {
            return mapper.writeValueAsString(message(mapper.readTree(eventData)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status change event could not be read", e);
        }
    }

    static Map<String, Object> message(JsonNode change) {
        String name = text(change, "name");
        String status = text(change, "new_status");
        String owner = text(change, "owner");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", text(change, "job_id"));
        payload.put("name", name);
        payload.put("source", text(change, "source"));
        payload.put("external_id", text(change, "external_id"));
        payload.put("analysis_id", text(change, "app_id"));
        payload.put("status", status);
        payload.put("startdate", epochMillis(text(change, "start_date")));
        payload.put("enddate", epochMillis(text(change, "end_date")));
        payload.put("user", owner);
        payload.put("action", "job_status_change");
        boolean finished = "Completed".equals(status) || "Failed".equals(status);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "analysis");
        message.put("user", owner);
        message.put("subject", name + " status changed.");
        message.put("message", name + " " + (status == null ? "" : status.toLowerCase(Locale.ROOT)));
        message.put("email", finished && change.path("notify").asBoolean(false));
        message.put("payload", payload);
        return message;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String epochMillis(String instant) {
        return instant == null ? "" : Long.toString(Instant.parse(instant).toEpochMilli());
    }
}
