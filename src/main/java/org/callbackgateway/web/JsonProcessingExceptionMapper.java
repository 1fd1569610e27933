package org.callbackgateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A request body Jackson could not read is the caller's error: 400 with a short reason, no parser internals.
 */
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException exception) {
        // Jackson wraps what the body stream threw (the body cap's 413, say): answer that instead.
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return ErrorResponses.of(refused);
            }
        }
        return ErrorResponses.of(ApiException.badRequest("malformed JSON: " + Json.describe(exception)));
    }
}
