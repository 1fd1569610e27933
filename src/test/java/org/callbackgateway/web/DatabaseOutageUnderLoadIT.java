package org.callbackgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.callbackgateway.callbacks.SignedDelivery;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.RestartablePostgres;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed and unsigned callbacks keep coming while the database goes away and comes back: nothing but 200 and 503
 * is answered, every 503 says when to retry, the gateway recovers by itself, and exactly the acknowledged
 * deliveries are stored.
 */
class DatabaseOutageUnderLoadIT {
    private static final int SENDERS = 4;
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @TempDir
    static Path dataDir;

    private static RestartablePostgres postgres;
    private static GatewayServer gateway;
    private static String githubSecret;

    /** One request's marker and answer. */
    private record Sent(String marker, boolean signed, int status, boolean retryAfter, long millis) {
    }

    @BeforeAll
    static void start() throws Exception {
        postgres = RestartablePostgres.start(dataDir.resolve("pg"), "gateway");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(postgres.url("gateway"),
                "GATEWAY_DB_CONNECT_TIMEOUT_MS", "1000",
                "GATEWAY_SOURCE_CACHE_SECONDS", "0"));
        ApiClient admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
        assertThat(admin.post("/admin/sources", "{\"name\":\"github\"}").statusCode()).isEqualTo(201);
        githubSecret = LeakWatch.remember(Http.json(admin.post("/admin/sources/github/secrets", "{}"))
                .get("secret").asText());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        postgres.close();
    }



    private static Sent sendOne(boolean signed) {
        String marker = UUID.randomUUID().toString();
        Instant started = Instant.now();
        HttpResponse<String> response;
        try {
            response = signed
                    ? SignedDelivery.github().deliveryId(marker).secret(githubSecret)
                            .body("{\"zen\":\"" + marker + "\",\"repository\":{\"html_url\":\"https://github.com/o/r\"}}")
                            .send(gateway.baseUri())
                    : Http.postJson(gateway.uri("/callbacks/notification"),
                            "{\"type\":\"data\",\"payload\":{\"action\":\"share\",\"marker\":\"" + marker + "\"}}");
        } catch (UncheckedIOException e) {
            return new Sent(marker, signed, -1, false, Duration.between(started, Instant.now()).toMillis());
        }
        return new Sent(marker, signed, response.statusCode(), response.headers().firstValue("Retry-After").isPresent(),
                Duration.between(started, Instant.now()).toMillis());
    }

    @Test
    void onlyAcknowledgedDeliveriesAreStoredAndTheGatewayRecoversByItself() throws Exception {
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            boolean signed = i % 2 == 0;
            loops.add(senders.submit(() -> {
                while (running.get()) {
                    sent.add(sendOne(signed));
                }
            }));
        }
        Thread.sleep(1500);

        postgres.stop();
        Thread.sleep(OUTAGE.toMillis());
        int readyWhileDown = Http.get(gateway.uri("/readyz")).statusCode();
        postgres.start();
        Instant back = Instant.now();
        int ready = 0;
        while (ready != 200 && Duration.between(back, Instant.now()).toSeconds() < 30) {
            ready = Http.get(gateway.uri("/readyz")).statusCode();
        }
        Duration recovery = Duration.between(back, Instant.now());
        Thread.sleep(1500);
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get(60, TimeUnit.SECONDS);
        }
        senders.shutdown();

        assertThat(readyWhileDown).isEqualTo(503);
        assertThat(ready).isEqualTo(200);
        // HikariCP retries failed connection attempts with a backoff that doubles up to 5 s, so after an outage of
        // a few seconds the pool reconnects within about 5 s of the server being back (5.0-5.05 s measured here).
        assertThat(recovery).isLessThanOrEqualTo(Duration.ofSeconds(6));
        assertThat(sent).extracting(Sent::status).containsOnly(200, 503).contains(503);
        assertThat(sent).filteredOn(answer -> answer.status() == 503).allMatch(Sent::retryAfter);
        // A request waits for a connection at most GATEWAY_DB_CONNECT_TIMEOUT_MS (1 s); none may hang.
        assertThat(sent).allMatch(answer -> answer.millis() < 15_000);

        Set<String> acknowledged = new HashSet<>();
        sent.stream().filter(answer -> answer.status() == 200).forEach(answer -> acknowledged.add(answer.marker()));
        assertThat(storedMarkers()).isEqualTo(acknowledged);
    }

    /** The marker of every stored delivery: GitHub's delivery id, or the notification's payload marker. */
    private static Set<String> storedMarkers() throws Exception {
        Set<String> markers = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(postgres.url("gateway"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT CASE WHEN source = 'github' THEN delivery_key
                                 ELSE convert_from(body, 'UTF8')::jsonb -> 'payload' ->> 'marker' END
                       FROM deliveries
                      WHERE source IN ('github', 'notification')
                     """)) {
            while (rows.next()) {
                markers.add(rows.getString(1));
            }
        }
        return markers;
    }
}
