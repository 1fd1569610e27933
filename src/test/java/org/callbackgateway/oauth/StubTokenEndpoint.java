package org.callbackgateway.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A token endpoint on loopback that behaves like a strict provider: codes are accepted once, refresh tokens rotate
 * (each is accepted once), and any answer can be forced, for the refusals a real server will not produce on demand.
 */
final class StubTokenEndpoint implements AutoCloseable {

    /** A request as received: its form and its Authorization header. */
    record Received(Map<String, String> form, String authorization) {
        String grantType() {
            return form.get("grant_type");
        }
    }

    /** What to answer. */
    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> validRefreshTokens = ConcurrentHashMap.newKeySet();
    private volatile Function<Received, Answer> forced;
    private volatile long expiresIn = 3600;
    private volatile boolean tapisStyle;
    private volatile CountDownLatch refreshArrived;
    private volatile CountDownLatch refreshRelease;

    StubTokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** Every later request gets this answer, until {@link #reset()}. */
    void force(Function<Received, Answer> answer) {
        forced = answer;
    }

    void force(int status, String body) {
        force(request -> new Answer(status, body));
    }

    void expiresIn(long seconds) {
        expiresIn = seconds;
    }

    void tapisStyle(boolean tapis) {
        tapisStyle = tapis;
    }

    /** A refresh token the endpoint will accept once, as if it had issued it. */
    void acceptRefreshToken(String refreshToken) {
        validRefreshTokens.add(refreshToken);
    }

    /** Refresh requests wait until {@link #releaseRefreshes()}; the returned latch opens when one has arrived. */
    CountDownLatch holdRefreshes() {
        refreshRelease = new CountDownLatch(1);
        refreshArrived = new CountDownLatch(1);
        return refreshArrived;
    }

    void releaseRefreshes() {
        refreshRelease.countDown();
    }

    void reset() {
        forced = null;
        expiresIn = 3600;
        tapisStyle = false;
        received.clear();
        refreshRelease = null;
        refreshArrived = null;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    long refreshCount() {
        return received.stream().filter(request -> "refresh_token".equals(request.grantType())).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Received request = new Received(parse(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8)), exchange.getRequestHeaders().getFirst("Authorization"));
        received.add(request);
        if ("refresh_token".equals(request.grantType()) && refreshRelease != null) {
            refreshArrived.countDown();
            try {
                refreshRelease.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Function<Received, Answer> answerer = forced;
        Answer answer = answerer != null ? answerer.apply(request) : answer(request);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private Answer answer(Received request) {
        String grantType = request.grantType();
        if ("refresh_token".equals(grantType) && !validRefreshTokens.remove(request.form().get("refresh_token"))) {
            return new Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token is not valid\"}");
        }
        if (!"refresh_token".equals(grantType) && !"authorization_code".equals(grantType)) {
            return new Answer(400, "{\"error\":\"unsupported_grant_type\"}");
        }
        String access = "stub-at-" + UUID.randomUUID();
        String refresh = "stub-rt-" + UUID.randomUUID();
        validRefreshTokens.add(refresh);
        if (tapisStyle) {
            return new Answer(200, """
                    {"status":"success","message":"Token created successfully.","result":{
                      "access_token":{"access_token":"%s","expires_in":%d,"jti":"j"},
                      "refresh_token":{"refresh_token":"%s","expires_in":31536000}}}""".formatted(access, expiresIn,
                    refresh));
        }
        return new Answer(200, """
                {"access_token":"%s","token_type":"Bearer","expires_in":%d,"refresh_token":"%s","scope":"stub"}"""
                .formatted(access, expiresIn, refresh));
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
