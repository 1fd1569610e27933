package org.callbackgateway.forwarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbackgateway.forwarding.ForwardingFixture.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.callbackgateway.dev.DevServer;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway instances on one database forward together, one of them in a JVM of its own: every event reaches
 * the receiver, none twice while both run; then that JVM is killed with SIGKILL while its requests are in flight,
 * and what it was sending is sent again by the other instance once its leases end.
 */
class ForwardingClusterIT {
    private static TestDatabase database;
    private static GatewayServer inProcess;
    private static Process separate;
    private static ForwardingFixture fixture;
    private static WebhookReceiver receiver;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("forwarding_cluster_it");
        Map<String, String> settings = TestSettings.gatewayWithAdmin(database.url(), ForwardingFixture.FAST);
        inProcess = GatewayServer.start(settings);
        URI other = startSeparate(settings);
        fixture = new ForwardingFixture(inProcess.baseUri(), other);
        fixture.prepare("billing");
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() throws Exception {
        if (separate != null && separate.isAlive()) {
            separate.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        receiver.close();
        inProcess.close();
        database.close();
    }

    /** The development server in a JVM of its own, on the same database with the same settings. */
    private static URI startSeparate(Map<String, String> settings) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DevServer.class.getName());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEWAY_"));
        builder.environment().putAll(settings);
        builder.environment().put("GATEWAY_PORT", Integer.toString(port));
        builder.environment().put("GATEWAY_DEV_DATA_DIR", dataDir.resolve("unused").toString());
        builder.redirectErrorStream(true);
        separate = builder.start();
        BufferedReader output = new BufferedReader(new InputStreamReader(separate.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.startsWith("Callback gateway listening on")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException killed) {
                // SIGKILL closes the stream.
            }
            listening.completeExceptionally(new IllegalStateException("the separate gateway stopped"));
        }, "separate-gateway-output");
        reader.setDaemon(true);
        reader.start();
        listening.get(180, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + port);
    }

    private Set<String> eventIdsSince(Instant since) {
        return new HashSet<>(database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT event_id FROM events WHERE occurred_at >= :since")
                .bind("since", since).mapTo(String.class).list()));
    }

    private static String invoice(int n) {
        return "{\"type\":\"invoice.paid\",\"timestamp\":\"2026-12-01T12:00:00Z\",\"data\":{\"id\":\"in_" + n + "\"}}";
    }

    @Test
    void twoInstancesForwardEachEventOnceAndAKilledOneLosesNothing() throws Exception {
        String[] subscription = fixture.subscribe(receiver.url("/hooks"), ",\"timeout_ms\":2000");
        receiver.secret(subscription[1]);
        Instant since = Instant.parse(fixture.subscription(subscription[0]).get("created_at").asText());
        for (int i = 0; i < 40; i++) {
            assertThat(fixture.sendWebhook(i, "billing", "msg_cluster_" + i + "_" + UUID.randomUUID(), invoice(i)))
                    .isEqualTo(200);
        }
        await(Duration.ofSeconds(60), "all forwarded by the two", () -> receiver.actedOn().size() == 40);
        Thread.sleep(1000);

        assertThat(receiver.actedOn().keySet()).isEqualTo(eventIdsSince(since));
        assertThat(receiver.actedOn()).allSatisfy((id, times) -> assertThat(times).as(id).isOne());
        assertThat(receiver.unverified()).isZero();

        // Slow answers keep requests in flight on both instances; then the separate one dies mid-request.
        receiver.answer(200, 1500);
        Instant killPhase = Instant.now();
        for (int i = 0; i < 40; i++) {
            fixture.sendWebhook(i, "billing", "msg_kill_" + i + "_" + UUID.randomUUID(), invoice(100 + i));
        }
        Thread.sleep(2500);
        separate.destroyForcibly();
        assertThat(separate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        receiver.answer(200, 0);

        Set<String> killPhaseEvents = eventIdsSince(killPhase);
        assertThat(killPhaseEvents).hasSize(40);
        await(Duration.ofSeconds(90), "everything the killed instance held sent again",
                () -> receiver.actedOn().keySet().containsAll(killPhaseEvents));
        assertThat(receiver.unverified()).isZero();
    }
}
