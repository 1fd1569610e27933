package org.callbackgateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Says what is wrong with a JSON body in the caller's terms: which field, and what was expected there, never
 * a Java type or class name, nor the input itself.
 */
final class JsonProblems {
    private static final int MAX_REASON = 120;

    private JsonProblems() {
    }

    static String describe(JsonProcessingException exception) {
        if (exception instanceof JsonMappingException mapping && !(exception.getCause() instanceof ApiException)) {
            String field = field(mapping);
            if (exception instanceof InvalidFormatException invalid && isOwnReason(invalid)) {
                return field + " " + invalid.getOriginalMessage();
            }
            if (exception instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                return field + ": expected " + expected(mismatched.getTargetType());
            }
            return field + ": invalid value";
        }
        return parserReason(exception);
    }

    private static boolean isOwnReason(InvalidFormatException invalid) {
        String reason = invalid.getOriginalMessage();
        return InputChecksModule.NUL_REASON.equals(reason) || InputChecksModule.INSTANT_REASON.equals(reason);
    }

    /** The field's path as the caller wrote it ({@code permissions.team}, {@code tests[2]}), or the body. */
    private static String field(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the body" : "field " + path;
    }

    private static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class) {
            return "a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant such as 2026-01-31T12:00:00Z";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of the documented values";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type == Object.class) {
            return "a JSON value";
        }
        return "a JSON object";
    }

    /** The parser's one-line reason, without the input it quotes or its location. */
    private static String parserReason(JsonProcessingException exception) {
        String message = exception.getOriginalMessage();
        if (message == null) {
            return "unreadable";
        }
        String firstLine = message.lines().findFirst().orElse("unreadable");
        int quoted = firstLine.indexOf(" (");
        String reason = quoted > 0 ? firstLine.substring(0, quoted) : firstLine;
        if (reason.contains("java.") || reason.contains("org.") || reason.contains("com.")) {
            return "unreadable";
        }
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON);
        }
        return reason.toLowerCase(Locale.ROOT);
    }
}
