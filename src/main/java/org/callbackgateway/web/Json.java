package org.callbackgateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Locale;

/**
 * The application's one Jackson configuration.
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // Bound what hostile input can make the parser do.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(1024 * 1024)
                .maxNumberLength(100)
                .build());
        return mapper;
    }

    /** A one-line reason for a parse failure, without echoing the input or the parser's internals. */
    public static String describe(JsonProcessingException exception) {
        String message = exception.getOriginalMessage();
        if (message == null) {
            return "unreadable";
        }
        String firstLine = message.lines().findFirst().orElse("unreadable");
        int quoted = firstLine.indexOf(" (");
        String reason = quoted > 0 ? firstLine.substring(0, quoted) : firstLine;
        if (reason.length() > 120) {
            reason = reason.substring(0, 120);
        }
        return reason.toLowerCase(Locale.ROOT);
    }
}
