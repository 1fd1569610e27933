package org.callbackgateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The application's one Jackson configuration.
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        // After the time module, so that its Instant deserializer is the one wrapped with the range check.
        mapper.registerModule(new InputChecksModule());
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

    /** A one-line reason for a parse failure: the field and what was expected, without echoing the input. */
    public static String describe(JsonProcessingException exception) {
        return JsonProblems.describe(exception);
    }
}
