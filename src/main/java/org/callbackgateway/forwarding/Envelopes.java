package org.callbackgateway.forwarding;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.callbacks.ContentTypes;
import org.callbackgateway.callbacks.DeliveryContent;
import org.callbackgateway.events.Event;
import org.callbackgateway.events.EventTypes;

/**
 * The JSON body a webhook subscription receives: {@code {"type", "timestamp", "data"}}. For
 * {@code delivery.received} the data also holds the original payload, as JSON when it is JSON (its bytes exactly)
 * and else as {@code payload_base64}, and the delivery's headers of interest.
 */
final class Envelopes {
    private final ObjectMapper mapper;

    Envelopes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String body(Event event, Optional<DeliveryContent> content) {
        try {
            StringWriter out = new StringWriter();
            try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("type", event.type());
                json.writeStringField("timestamp", event.occurredAt().toString());
                json.writeFieldName("data");
                json.writeStartObject();
                JsonNode data = mapper.readTree(event.data());
                for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    json.writeFieldName(field.getKey());
                    json.writeTree(field.getValue());
                }
                json.writeStringField("event_id", event.id());
                if (EventTypes.DELIVERY_RECEIVED.equals(event.type())) {
                    writePayload(json, content);
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException("event " + event.id() + " could not be written as JSON", e);
        }
    }

    private void writePayload(JsonGenerator json, Optional<DeliveryContent> content) throws IOException {
        if (content.isEmpty() || content.get().body() == null) {
            json.writeNullField("payload");
            return;
        }
        byte[] body = content.get().body();
        if (isJson(content.get().contentType(), body)) {
            json.writeFieldName("payload");
            json.writeRawValue(new String(body, StandardCharsets.UTF_8));
        } else {
            json.writeStringField("payload_base64", Base64.getEncoder().encodeToString(body));
        }
        if (content.get().headers() != null) {
            json.writeFieldName("headers");
            json.writeTree(mapper.readTree(content.get().headers()));
        }
    }

    /** Declared as JSON (or the notification agent's form-encoded JSON) and parsing as one JSON value. */
    private boolean isJson(String contentType, byte[] body) {
        if (!ContentTypes.isJsonOrLegacyForm(Optional.ofNullable(contentType))) {
            return false;
        }
        try {
            JsonNode parsed = mapper.readTree(body);
            return parsed != null && !parsed.isMissingNode();
        } catch (IOException notJson) {
            return false;
        }
    }
}
