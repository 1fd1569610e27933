package org.callbackgateway.forwarding;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber on loopback, as a receiver would write one: every request is verified with the Standard Webhooks
 * reference library and the subscription's secret; verified ones are acted on once per {@code webhook-id}.
 * What it answers can be changed while it runs (a status, a delay).
 */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private volatile Webhook verifier;
    private volatile int status = 200;
    private volatile long delayMillis;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> actedOn = new ConcurrentHashMap<>();
    private final AtomicLong unverified = new AtomicLong();

    /** A request: its webhook-id, body, whether its signature verified, when it came and what it was answered. */
    record Received(String id, String body, boolean verified, Instant at, int answered, Map<String, String> headers) {
    }

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void secret(String whsec) {
        verifier = new Webhook(whsec);
    }

    void answer(int status, long delayMillis) {
        this.status = status;
        this.delayMillis = delayMillis;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Distinct webhook-ids acted on (verified and answered 2xx). */
    Map<String, Integer> actedOn() {
        Map<String, Integer> counts = new HashMap<>();
        actedOn.forEach((id, count) -> counts.put(id, count.get()));
        return counts;
    }

    long unverified() {
        return unverified.get();
    }

    void reset() {
        received.clear();
        actedOn.clear();
        unverified.set(0);
        answer(200, 0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new HashMap<>();
        Map<String, String> flat = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name.toLowerCase(Locale.ROOT), values);
            flat.put(name.toLowerCase(Locale.ROOT), values.get(0));
        });
        boolean verified;
        try {
            verifier.verify(body, headers);
            verified = true;
        } catch (Exception e) {
            verified = false;
            unverified.incrementAndGet();
        }
        int answer = status;
        long delay = delayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String id = flat.get("webhook-id");
        received.add(new Received(id, body, verified, Instant.now(), answer, flat));
        if (verified && answer >= 200 && answer < 300) {
            actedOn.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        }
        byte[] bytes = (answer >= 200 && answer < 300 ? "ok" : "receiver says " + answer).getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(answer, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException closedByTheGateway) {
            // A timeout on the gateway's side: it gave up waiting.
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
