package org.callbackgateway.web;

import java.util.Map;

/**
 * An error answered to the caller with the JSON envelope; the message is safe to show.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final ErrorCode code;
    private final transient Map<String, String> headers;

    public ApiException(int status, ErrorCode code, String message) {
        this(status, code, message, Map.of(), null);
    }

    public ApiException(int status, ErrorCode code, String message, Map<String, String> headers, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, ErrorCode.ERR_NOT_FOUND, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorCode.ERR_BAD_REQUEST, message);
    }

    public static ApiException illegalArgument(String message) {
        return new ApiException(400, ErrorCode.ERR_ILLEGAL_ARGUMENT, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, ErrorCode.ERR_FORBIDDEN, message);
    }

    public static ApiException payloadTooLarge(String message) {
        return new ApiException(413, ErrorCode.ERR_PAYLOAD_TOO_LARGE, message);
    }

    /** An upstream system failed us; {@code status} is 500 or 502 as the contract of the endpoint says. */
    public static ApiException requestFailed(int status, String message) {
        return new ApiException(status, ErrorCode.ERR_REQUEST_FAILED, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, ErrorCode.ERR_CONFLICT, message);
    }

    /** An upstream system failed or refused: 502 {@code ERR_REQUEST_FAILED}. */
    public static ApiException requestFailed(String message, Throwable cause) {
        return new ApiException(502, ErrorCode.ERR_REQUEST_FAILED, message, Map.of(), cause);
    }

    public static ApiException unavailable(String message, int retryAfterSeconds, Throwable cause) {
        return new ApiException(503, ErrorCode.ERR_UNAVAILABLE, message,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)), cause);
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ErrorBody body() {
        return ErrorBody.of(code, getMessage());
    }
}
