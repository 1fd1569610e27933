package org.callbackgateway.callbacks.forge.whck.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.forge.whck.Identifiers;

/**
 * Answers a forge webhook {@code 200 {"success":true}} when its claim is valid; any failed check {@code 401},
 * the check being unavailable {@code 503}, another method than POST {@code 405}, a body over the cap {@code 413},
 * each with the gateway's error envelope. Which check failed goes to the log line only.
 */
final class ValidationHandler implements HttpHandler {
    private final ClaimChecker checker;
    private final JsonFields json;
    private final int maxBodyBytes;
    private final PrintStream log;

    ValidationHandler(ClaimChecker checker, JsonFields json, int maxBodyBytes, PrintStream log) {
        this.checker = checker;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            validate(exchange);
        } catch (RuntimeException unexpected) {
            // Nothing a sender sends gets here; answer in the envelope anyway, and say what broke in the log.
            log.println("forgehook: 500 " + unexpected);
            answer(exchange, 500, "ERR_INTERNAL", "the validator failed; see its log");
        } finally {
            exchange.close();
        }
    }

    private void validate(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            answer(exchange, 405, "ERR_METHOD_NOT_ALLOWED", "only POST is accepted");
            return;
        }
        byte[] body = readCapped(exchange);
        if (body == null) {
            log.println("forgehook: 413 body over " + maxBodyBytes + " bytes");
            answer(exchange, 413, "ERR_PAYLOAD_TOO_LARGE", "the body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        ForgeWebhook webhook;
        try {
            webhook = ForgeWebhook.of(headers(exchange), body, json);
        } catch (IllegalArgumentException unreadable) {
            refuse(exchange, "not a forge webhook: " + unreadable.getMessage());
            return;
        }
        String identifier = Identifiers.ofRepository(webhook.repository());
        String about = webhook.source() + " " + loggable(webhook.repository());
        if (!Identifiers.valid(identifier)) {
            refuse(exchange, about + ": the repository URL is too long to name a secret file");
            return;
        }
        ClaimChecker.Result result = checker.check(webhook.kind(), identifier, webhook.claim(), body);
        switch (result.status()) {
            case VALID -> {
                log.println("forgehook: 200 " + about);
                answer(exchange, 200, null, null);
            }
            case REFUSED -> refuse(exchange, about + ": " + result.detail());
            case UNAVAILABLE -> {
                log.println("forgehook: 503 " + about + ": " + result.detail());
                answer(exchange, 503, "ERR_UNAVAILABLE", "the claim could not be checked; retry later");
            }
        }
    }

    private void refuse(HttpExchange exchange, String why) throws IOException {
        log.println("forgehook: 401 " + why);
        answer(exchange, 401, "ERR_UNAUTHORIZED", "signature verification failed");
    }

    /** The body, or null when it is larger than the cap (not read past the cap). */
    private byte[] readCapped(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && declaredOverCap(length.trim())) {
            return null;
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? null : body;
        }
    }

    private boolean declaredOverCap(String length) {
        try {
            return Long.parseLong(length) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return length.length() > 18;
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!header.getValue().isEmpty()) {
                headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue().get(0));
            }
        }
        return headers;
    }

    private static void answer(HttpExchange exchange, int status, String errorCode, String message) throws IOException {
        String json = errorCode == null ? "{\"success\":true}"
                : "{\"error_code\":\"" + errorCode + "\",\"message\":\"" + message + "\",\"success\":false}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A sender-chosen URL, stripped of control characters and shortened before it reaches a log line. */
    private static String loggable(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 200 ? clean : clean.substring(0, 200) + "...";
    }
}
