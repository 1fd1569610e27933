package org.callbackgateway.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches the webapp (a malformed URI, an oversized header) answered with the
 * gateway's JSON envelope instead of Jetty's HTML page.
 */
final class JsonServerErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String errorCode = switch (code) {
            case 404 -> "ERR_NOT_FOUND";
            case 405 -> "ERR_NOT_ALLOWED";
            case 413, 431 -> "ERR_PAYLOAD_TOO_LARGE";
            default -> code >= 500 ? "ERR_INTERNAL" : "ERR_BAD_REQUEST";
        };
        String body = "{\"error_code\":\"" + errorCode + "\",\"message\":\"request refused\",\"success\":false}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
