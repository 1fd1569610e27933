package org.callbackgateway.callbacks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The body as text for the {@code deliveries.payload} jsonb column, or null when it is not a JSON object or
 * array that PostgreSQL's jsonb accepts as well: the insert of a delivery must never fail on its payload.
 *
 * <p>Beyond JSON itself, jsonb refuses the escape {@code \u0000}, unpaired surrogate escapes and numbers
 * outside {@code numeric}'s range, and a leading byte-order mark; such bodies are kept as bytes only.
 */
public final class PayloadJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int MAX_DEPTH = 200;
    private static final int MAX_EXPONENT = 1000;

    private PayloadJson() {
    }

    public static String of(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return acceptable(text) ? text : null;
    }

    static boolean acceptable(String text) {
        if (text.isEmpty() || text.charAt(0) == '\uFEFF') {
            return false;
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return false;
            }
            int depth = 1;
            JsonToken token;
            while (depth > 0 && (token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            return false;
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME, VALUE_STRING -> {
                        if (!storable(parser.getText())) {
                            return false;
                        }
                    }
                    case VALUE_NUMBER_FLOAT -> {
                        if (!numericRange(parser.getText())) {
                            return false;
                        }
                    }
                    default -> {
                    }
                }
            }
            return depth == 0 && parser.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** No NUL and no unpaired surrogate. */
    private static boolean storable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean numericRange(String number) {
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e < 0) {
            return true;
        }
        String exponent = number.substring(e + 1).replace("+", "");
        try {
            return Math.abs(Long.parseLong(exponent)) <= MAX_EXPONENT;
        } catch (NumberFormatException tooLong) {
            return false;
        }
    }
}
