package org.callbackgateway.forwarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbackgateway.forwarding.ForwardingFixture.await;
import static org.callbackgateway.forwarding.ForwardingFixture.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole gateway forwarding to a real receiver on loopback that verifies every request with the Standard
 * Webhooks library. Retries are fast here (200 ms doubling to 1 s, a 10 s horizon, the circuit opening after 5
 * failures with a probe a second) so that minutes of a real outage take seconds.
 */
class ForwardingIT {
    private static TestDatabase database;
    private static GatewayServer gateway;
    private static ForwardingFixture fixture;
    private WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("forwarding_it");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(), ForwardingFixture.FAST));
        fixture = new ForwardingFixture(gateway.baseUri());
        fixture.prepare("billing");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
    }

    @BeforeEach
    void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void removeSubscriptions() {
        for (JsonNode subscription : Http.json(fixture.admin.get("/admin/subscriptions")).get("subscriptions")) {
            if (subscription.get("kind").asText().equals("webhook")) {
                fixture.admin.delete("/admin/subscriptions/" + subscription.get("id").asText());
            }
        }
        receiver.close();
    }

    private String[] subscribe(String extraFields) {
        String[] subscription = fixture.subscribe(receiver.url("/hooks"), extraFields);
        receiver.secret(subscription[1]);
        return subscription;
    }

    private static String invoice(int n) {
        return "{\"type\":\"invoice.paid\",\"timestamp\":\"2026-12-01T12:00:00Z\",\"data\":{\"id\":\"in_" + n
                + "\",\"amount\":" + (1000 + n) + "}}";
    }

    private Set<String> eventIdsSince(Instant since) {
        return new HashSet<>(database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT event_id FROM events WHERE occurred_at >= :since")
                .bind("since", since).mapTo(String.class).list()));
    }

    @Test
    void everyAcceptedDeliveryAndStatusChangeArrivesVerifiedAndIsActedOnOnce() throws Exception {
        String[] subscription = subscribe("");
        Instant since = Instant.parse(fixture.subscription(subscription[0]).get("created_at").asText());
        List<Callable<List<Integer>>> senders = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            bodies.add(invoice(n));
            senders.add(() -> List.of(fixture.sendWebhook(n, "billing", "msg_" + n + "_" + UUID.randomUUID(), invoice(n))));
        }
        for (int j = 0; j < 3; j++) {
            String externalId = ForwardingFixture.newExternalId();
            fixture.registerJob("snow-dog", externalId);
            senders.add(() -> List.of(fixture.notify(0, externalId, "Running"), fixture.notify(0, externalId, "Completed")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (Future<List<Integer>> answered : pool.invokeAll(senders)) {
                assertThat(answered.get()).containsOnly(200);
            }
        } finally {
            pool.shutdown();
        }
        // A repeat is answered but is not a new event.
        String repeatId = "msg_repeat_" + UUID.randomUUID();
        assertThat(fixture.sendWebhook(0, "billing", repeatId, invoice(99))).isEqualTo(200);
        assertThat(fixture.sendWebhook(0, "billing", repeatId, invoice(99))).isEqualTo(200);
        int expected = 20 + 1 + 3 * 2 + 3 * 2;

        await(Duration.ofSeconds(30), "every event forwarded", () -> receiver.actedOn().size() >= expected);
        Thread.sleep(500);

        assertThat(receiver.unverified()).isZero();
        assertThat(receiver.actedOn()).hasSize(expected).allSatisfy((id, times) -> assertThat(times).isOne());
        assertThat(receiver.actedOn().keySet()).isEqualTo(eventIdsSince(since));
        List<JsonNode> envelopes = receiver.received().stream().map(request -> Http.json(request.body())).toList();
        assertThat(envelopes).filteredOn(envelope -> envelope.get("type").asText().equals("delivery.received")
                        && envelope.get("data").get("source").asText().equals("billing"))
                .hasSize(21)
                .allSatisfy(envelope -> assertThat(envelope.get("timestamp").asText()).isNotBlank())
                .extracting(envelope -> envelope.get("data").get("payload").toString())
                .containsAll(bodies.stream().map(body -> Http.json(body).toString()).toList());
        assertThat(envelopes).filteredOn(envelope -> envelope.get("type").asText().equals("job.status_changed"))
                .hasSize(6)
                .extracting(envelope -> envelope.get("data").get("old_status").asText() + ">"
                        + envelope.get("data").get("new_status").asText())
                .containsOnly("Submitted>Running", "Running>Completed");
        assertThat(receiver.received()).allSatisfy(request ->
                assertThat(request.headers().get("webhook-id")).isEqualTo(Http.json(request.body()).get("data")
                        .get("event_id").asText()));
    }

    @Test
    void aSubscriberAnswering500ForAWhileGetsEverythingAfterwardsWithBackoffAndAPause() throws Exception {
        receiver.answer(500, 0);
        String[] subscription = subscribe("");
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.sendWebhook(0, "billing", "msg_outage_" + i + "_" + UUID.randomUUID(), invoice(i)))
                    .isEqualTo(200);
        }
        await(Duration.ofSeconds(10), "the circuit opens",
                () -> fixture.subscription(subscription[0]).get("state").asText().equals("paused"));
        Thread.sleep(2500);
        receiver.answer(200, 0);

        try {
            await(Duration.ofSeconds(15), "everything delivered after the outage", () -> receiver.actedOn().size() == 3);
        } catch (AssertionError e) {
            System.out.println("DEBUG attempts " + fixture.attempts(subscription[0]));
            System.out.println("DEBUG messages " + fixture.admin.get("/admin/subscriptions/" + subscription[0] + "/messages").body());
            System.out.println("DEBUG sub " + fixture.subscription(subscription[0]));
            throw e;
        }
        JsonNode recovered = fixture.subscription(subscription[0]);
        assertThat(recovered.get("state").asText()).isEqualTo("active");
        assertThat(recovered.get("consecutive_failures").asInt()).isZero();
        List<JsonNode> attempts = fixture.attempts(subscription[0]);
        assertThat(attempts).extracting(attempt -> attempt.get("outcome").asText()).contains("failed", "delivered");
        assertThat(attempts).filteredOn(attempt -> attempt.get("outcome").asText().equals("failed"))
                .allSatisfy(attempt -> {
                    assertThat(attempt.get("status_code").asInt()).isEqualTo(500);
                    assertThat(attempt.get("response_head").asText()).isEqualTo("receiver says 500");
                });
        // Backoff: the gaps between the failed attempts of one event grow (200 ms, then up to the 1 s probes).
        String eventId = attempts.get(0).get("event_id").asText();
        List<Instant> times = attempts.stream().filter(attempt -> attempt.get("event_id").asText().equals(eventId))
                .map(attempt -> Instant.parse(attempt.get("attempted_at").asText())).sorted().toList();
        assertThat(times.size()).isGreaterThanOrEqualTo(3);
        long first = Duration.between(times.get(0), times.get(1)).toMillis();
        long last = Duration.between(times.get(times.size() - 2), times.get(times.size() - 1)).toMillis();
        assertThat(last).isGreaterThan(first);
    }

    @Test
    void a410SwitchesTheSubscriptionOffAndKeepsItsMessages() throws Exception {
        receiver.answer(410, 0);
        String[] subscription = subscribe("");
        fixture.sendWebhook(0, "billing", "msg_gone_" + UUID.randomUUID(), invoice(1));

        await(Duration.ofSeconds(10), "switched off", () -> !fixture.subscription(subscription[0]).get("enabled").asBoolean());
        JsonNode off = fixture.subscription(subscription[0]);
        assertThat(off.get("state").asText()).isEqualTo("disabled");
        assertThat(off.get("disabled_reason").asText()).contains("410");
        assertThat(fixture.attempts(subscription[0])).extracting(attempt -> attempt.get("outcome").asText())
                .containsExactly("gone");

        receiver.answer(200, 0);
        expect(200, fixture.admin.patch("/admin/subscriptions/" + subscription[0], "{\"enabled\":true}"));
        await(Duration.ofSeconds(10), "delivered once switched on", () -> receiver.actedOn().size() == 1);
        assertThat(fixture.subscription(subscription[0]).get("disabled_reason").isNull()).isTrue();
    }

    @Test
    void aTimeoutIsAFailedAttemptAndIsRetried() throws Exception {
        receiver.answer(200, 1500);
        String[] subscription = subscribe(",\"timeout_ms\":300");
        fixture.sendWebhook(0, "billing", "msg_slow_" + UUID.randomUUID(), invoice(1));

        await(Duration.ofSeconds(10), "a timeout recorded", () -> fixture.attempts(subscription[0]).stream()
                .anyMatch(attempt -> attempt.get("outcome").asText().equals("timeout")));
        receiver.answer(200, 0);
        await(Duration.ofSeconds(10), "delivered once the receiver is fast", () -> fixture.attempts(subscription[0])
                .stream().anyMatch(attempt -> attempt.get("outcome").asText().equals("delivered")));
        assertThat(fixture.attempts(subscription[0]).stream().filter(attempt -> attempt.get("outcome").asText()
                .equals("timeout"))).allSatisfy(attempt -> assertThat(attempt.get("latency_ms").asInt())
                .isBetween(250, 1400));
    }

    @Test
    void aMessageStillFailingAtTheHorizonIsADeadLetter() throws Exception {
        receiver.answer(503, 0);
        String[] subscription = subscribe("");
        fixture.sendWebhook(0, "billing", "msg_dead_" + UUID.randomUUID(), invoice(1));

        await(Duration.ofSeconds(20), "given up", () -> Http.json(fixture.admin.get("/admin/subscriptions/"
                + subscription[0] + "/messages?state=failed")).get("messages").size() == 1);
        JsonNode dead = Http.json(fixture.admin.get("/admin/subscriptions/" + subscription[0] + "/messages"))
                .get("messages").get(0);
        assertThat(dead.get("state").asText()).isEqualTo("failed");
        assertThat(dead.get("last_error").asText()).isEqualTo("failed (503)");
        assertThat(dead.get("attempts").asInt()).isGreaterThan(2);
        assertThat(Http.get(gateway.uri("/metrics")).body()).contains("gateway_forwarding_dead_letters_total");
    }

    @Test
    void redeliveryAndReplaySendTheSameEventAgain() throws Exception {
        String[] subscription = subscribe(",\"event_types\":[\"delivery.received\"],\"sources\":[\"billing\"]");
        Instant before = Instant.now().minusSeconds(1);
        fixture.sendWebhook(0, "billing", "msg_again_" + UUID.randomUUID(), invoice(1));
        await(Duration.ofSeconds(10), "delivered", () -> receiver.actedOn().size() == 1);
        String eventId = receiver.actedOn().keySet().iterator().next();

        expect(202, fixture.admin.post("/admin/subscriptions/" + subscription[0] + "/redeliver",
                "{\"event_id\":\"" + eventId + "\"}"));
        await(Duration.ofSeconds(10), "redelivered", () -> receiver.actedOn().get(eventId) == 2);
        JsonNode replay = Http.json(expect(202, fixture.admin.post("/admin/subscriptions/" + subscription[0] + "/replay",
                "{\"since\":\"" + before + "\",\"until\":\"" + Instant.now().plusSeconds(1) + "\"}")));

        assertThat(replay.get("queued").asInt()).isEqualTo(1);
        await(Duration.ofSeconds(10), "replayed", () -> receiver.actedOn().get(eventId) == 3);
        assertThat(receiver.actedOn()).hasSize(1);
    }

    @Test
    void subscriptionsAreCheckedAndSecretsRotate() throws Exception {
        assertThat(fixture.admin.post("/admin/subscriptions", "{\"url\":\"ftp://127.0.0.1/x\"}").statusCode()).isEqualTo(400);
        assertThat(fixture.admin.post("/admin/subscriptions", "{\"url\":\"https://169.254.169.254/latest\"}").body())
                .contains("ERR_BAD_REQUEST").contains("not a routable address");
        assertThat(fixture.admin.post("/admin/subscriptions",
                "{\"url\":\"https://127.0.0.1/x\",\"event_types\":[\"push\"]}").statusCode()).isEqualTo(400);
        assertThat(fixture.admin.post("/admin/subscriptions",
                "{\"url\":\"https://127.0.0.1/x\",\"headers\":{\"webhook-id\":\"x\"}}").statusCode()).isEqualTo(400);
        assertThat(fixture.admin.get("/admin/subscriptions/not-a-uuid").statusCode()).isEqualTo(404);
        assertThat(fixture.admin.get("/admin/subscriptions/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

        String[] subscription = subscribe(",\"headers\":{\"Authorization\":\"Bearer receiver-token\"}");
        JsonNode view = fixture.subscription(subscription[0]);
        assertThat(view.get("header_names").get(0).asText()).isEqualTo("Authorization");
        assertThat(view.toString()).doesNotContain("receiver-token").doesNotContain(subscription[1]);
        String second = Http.json(expect(201, fixture.admin.post("/admin/subscriptions/" + subscription[0] + "/secrets",
                "{}"))).get("secret").asText();
        receiver.secret(second);
        fixture.sendWebhook(0, "billing", "msg_rotated_" + UUID.randomUUID(), invoice(1));

        await(Duration.ofSeconds(10), "delivered", () -> receiver.actedOn().size() == 1);
        WebhookReceiver.Received request = receiver.received().get(0);
        assertThat(request.headers().get("webhook-signature").split(" ")).hasSize(2);
        assertThat(request.headers().get("authorization")).isEqualTo("Bearer receiver-token");
        assertThat(fixture.admin.get("/admin/subscriptions/00000000-0000-0000-0000-00000000a6e7").statusCode())
                .isEqualTo(200);
        assertThat(fixture.admin.delete("/admin/subscriptions/00000000-0000-0000-0000-00000000a6e7").statusCode())
                .isEqualTo(409);
    }
}
