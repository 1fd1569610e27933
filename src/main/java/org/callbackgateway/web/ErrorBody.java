package org.callbackgateway.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The one JSON error envelope: {@code {"error_code": ..., "message": ..., "success": false}}.
 */
@JsonPropertyOrder({"error_code", "message", "success"})
public record ErrorBody(
        @JsonProperty("error_code") ErrorCode errorCode,
        @JsonProperty("message") String message,
        @JsonProperty("success") boolean success) {

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(code, message, false);
    }
}
