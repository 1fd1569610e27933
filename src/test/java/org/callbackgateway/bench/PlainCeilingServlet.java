package org.callbackgateway.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's servlet ceiling: reads the whole body, as the gateway does, and answers 200 without touching
 * a database. Whatever the gateway does beyond this costs the difference.
 */
final class PlainCeilingServlet extends HttpServlet {
    private static final byte[] ANSWER = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream body = request.getInputStream()) {
            body.readAllBytes();
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(ANSWER.length);
        response.getOutputStream().write(ANSWER);
    }
}
