package org.callbackgateway.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.callbackgateway.web.ApiException;

/**
 * A condition on the JSON payload, as one or more jsonb documents of which the payload must contain one
 * ({@code payload @> doc}, served by the GIN {@code jsonb_path_ops} index).
 *
 * <p>{@code payload.repository.full_name=snow-dog/wc} matches the string at that path; a value that reads as
 * a JSON number, {@code true}, {@code false} or {@code null} also matches that scalar. {@code payload={...}}
 * is a containment document as it is.
 */
public record PayloadCondition(String description, List<String> documents) {
    private static final int MAX_SEGMENTS = 16;
    private static final int MAX_SEGMENT_LENGTH = 256;
    private static final int MAX_VALUE_LENGTH = 4096;

    public PayloadCondition {
        documents = List.copyOf(documents);
    }

    /**
     * A condition from a query parameter {@code payload.a.b=value}.
     *
     * @throws ApiException 400 for an empty path segment, too long a path or value
     */
    public static PayloadCondition path(String dottedPath, String value, ObjectMapper mapper) {
        String[] segments = dottedPath.split("\\.", -1);
        if (segments.length > MAX_SEGMENTS) {
            throw ApiException.illegalArgument("payload." + dottedPath + ": at most " + MAX_SEGMENTS + " path segments");
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.length() > MAX_SEGMENT_LENGTH) {
                throw ApiException.illegalArgument("payload." + dottedPath
                        + ": a path is field names separated by dots, such as payload.repository.full_name");
            }
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw ApiException.illegalArgument("payload." + dottedPath + ": the value is longer than "
                    + MAX_VALUE_LENGTH + " characters");
        }
        List<JsonNode> leaves = new ArrayList<>();
        leaves.add(JsonNodeFactory.instance.textNode(value));
        scalar(value, mapper).ifPresent(leaves::add);
        List<String> documents = new ArrayList<>();
        for (JsonNode leaf : leaves) {
            JsonNode document = leaf;
            for (int i = segments.length - 1; i >= 0; i--) {
                ObjectNode parent = JsonNodeFactory.instance.objectNode();
                parent.set(segments[i], document);
                document = parent;
            }
            if (!PayloadJson.acceptable(document.toString())) {
                throw ApiException.illegalArgument("payload." + dottedPath
                        + ": the value holds a character stored payloads cannot hold (NUL or a lone surrogate)");
            }
            documents.add(document.toString());
        }
        return new PayloadCondition("payload." + dottedPath, documents);
    }

    /**
     * A condition from {@code payload=<JSON object>}: the payload must contain it.
     *
     * @throws ApiException 400 when it is not a JSON object
     */
    public static PayloadCondition contains(String json, ObjectMapper mapper) {
        JsonNode document;
        try {
            document = json.length() > MAX_VALUE_LENGTH ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            document = null;
        }
        if (document == null || !document.isObject() || !PayloadJson.acceptable(document.toString())) {
            throw ApiException.illegalArgument("payload must be a JSON object of at most " + MAX_VALUE_LENGTH
                    + " characters that stored payloads are to contain, such as {\"repository\":{\"full_name\":\"o/r\"}}");
        }
        return new PayloadCondition("payload", List.of(document.toString()));
    }

    private static java.util.Optional<JsonNode> scalar(String value, ObjectMapper mapper) {
        try {
            JsonNode parsed = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(value);
            return parsed != null && (parsed.isNumber() || parsed.isBoolean() || parsed.isNull())
                    && PayloadJson.acceptable("[" + value + "]")
                    ? java.util.Optional.of(parsed) : java.util.Optional.empty();
        } catch (JsonProcessingException e) {
            return java.util.Optional.empty();
        }
    }
}
