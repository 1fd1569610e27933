package org.callbackgateway.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds envelope responses; the one place that decides how an error looks on the wire.
 */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static Response of(ApiException error) {
        Response.ResponseBuilder builder = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(error.body());
        error.headers().forEach(builder::header);
        return builder.build();
    }

    /** The error code that fits an HTTP status Jersey chose itself (404, 405, 415, ...). */
    public static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.ERR_BAD_REQUEST;
            case 401 -> ErrorCode.ERR_UNAUTHORIZED;
            case 403 -> ErrorCode.ERR_FORBIDDEN;
            case 404 -> ErrorCode.ERR_NOT_FOUND;
            case 405 -> ErrorCode.ERR_NOT_ALLOWED;
            case 409 -> ErrorCode.ERR_CONFLICT;
            case 413 -> ErrorCode.ERR_PAYLOAD_TOO_LARGE;
            case 429 -> ErrorCode.ERR_TOO_MANY_REQUESTS;
            case 503 -> ErrorCode.ERR_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.ERR_INTERNAL : ErrorCode.ERR_BAD_REQUEST;
        };
    }
}
