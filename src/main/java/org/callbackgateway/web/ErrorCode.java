package org.callbackgateway.web;

/**
 * The {@code error_code} values of the error envelope.
 */
public enum ErrorCode {
    ERR_NOT_FOUND,
    ERR_BAD_REQUEST,
    ERR_ILLEGAL_ARGUMENT,
    ERR_UNAUTHORIZED,
    ERR_FORBIDDEN,
    ERR_CONFLICT,
    ERR_NOT_ALLOWED,
    ERR_PAYLOAD_TOO_LARGE,
    ERR_TOO_MANY_REQUESTS,
    ERR_REQUEST_FAILED,
    ERR_UNAVAILABLE,
    ERR_INTERNAL
}
