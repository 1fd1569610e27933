package org.callbackgateway.callbacks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Picks one string out of a JSON object by streaming, stopping as soon as it is found: used to choose a key
 * before the body is trusted, without building the whole tree of a large body.
 */
public final class JsonFields {
    /**
     * Finds nothing: for checks that never read the body as JSON (a claim checked against a given secret),
     * so that they start without loading a JSON parser.
     */
    public static final JsonFields NONE = new JsonFields(null);

    private final JsonFactory factory;

    public JsonFields(JsonFactory factory) {
        this.factory = factory;
    }

    /** The string at {@code path} (object fields from the root); empty when absent, not a string, or unreadable. */
    public Optional<String> text(byte[] json, String... path) {
        if (factory == null) {
            return Optional.empty();
        }
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            return find(parser, path, 0);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> find(JsonParser parser, String[] path, int depth) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!path[depth].equals(name)) {
                parser.skipChildren();
                continue;
            }
            if (depth == path.length - 1) {
                return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
            }
            return value == JsonToken.START_OBJECT ? find(parser, path, depth + 1) : Optional.empty();
        }
        return Optional.empty();
    }
}
