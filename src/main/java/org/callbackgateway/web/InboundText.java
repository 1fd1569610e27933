package org.callbackgateway.web;

import java.util.Collection;
import java.util.Map;

/**
 * How text from outside is checked: PostgreSQL {@code text} and {@code jsonb} cannot hold NUL (U+0000), so API
 * input that contains it is refused with a 400 naming the field. (Callbacks instead keep their raw bytes and store
 * derived text with NUL replaced; see {@code callbacks.StoredText}.)
 */
public final class InboundText {
    private static final char NUL = '\u0000';

    private InboundText() {
    }

    public static boolean hasNul(String value) {
        return value != null && value.indexOf(NUL) >= 0;
    }

    /** Whether any string in a parsed JSON value (map keys included) holds a NUL. */
    public static boolean hasNulAnywhere(Object value) {
        if (value instanceof String text) {
            return hasNul(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().anyMatch(entry -> hasNulAnywhere(entry.getKey())
                    || hasNulAnywhere(entry.getValue()));
        }
        if (value instanceof Collection<?> values) {
            return values.stream().anyMatch(InboundText::hasNulAnywhere);
        }
        return false;
    }

    /** The refusal for a field that holds a NUL. */
    public static ApiException nulRefused(String field) {
        return ApiException.badRequest(field + " must not contain NUL (U+0000) characters");
    }
}
