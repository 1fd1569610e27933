package org.callbackgateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbackgateway.callbacks.SignedGateway.assertAccepted;
import static org.callbackgateway.callbacks.SignedGateway.assertRefused;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.callbacks.SignedDelivery.Sender;
import org.callbackgateway.callbacks.SignedGateway.TestKey;
import org.callbackgateway.callbacks.sources.NewSource;
import org.callbackgateway.callbacks.tux.TuxPayloads;
import org.callbackgateway.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules every signed source shares, for each source, over HTTP against the real webapp.
 */
class SignedCallbacksIT {
    private static final int CAP = 8192;

    private static SignedGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = SignedGateway.start("signed_it", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static String source(Sender sender) {
        return sender == Sender.STANDARD ? "acme" : sender.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The source registered afresh with one key and a body cap of its own. */
    private static TestKey freshSource(Sender sender) {
        gateway.reset(new NewSource(source(sender), null, CAP, null, null, null));
        TestKey key = SignedGateway.newKey(sender);
        gateway.addKey(source(sender), null, key);
        return key;
    }

    /** A distinct payload of the sender's shape. */
    private static String payload(Sender sender, String padding) {
        String unique = UUID.randomUUID().toString().replace("-", "");
        return switch (sender) {
            case GITHUB, GITEA -> "{\"ref\":\"refs/heads/main\",\"after\":\"" + unique + "\",\"pad\":\"" + padding
                    + "\",\"repository\":{\"html_url\":\"https://forge.example.org/snow-dog/wc\"}}";
            case GITLAB -> "{\"object_kind\":\"push\",\"after\":\"" + unique + "\",\"pad\":\"" + padding
                    + "\",\"project\":{\"git_http_url\":\"https://gitlab.example.org/snow-dog/wc.git\","
                    + "\"web_url\":\"https://gitlab.example.org/snow-dog/wc\"}}";
            case TUXSUITE -> TuxPayloads.test(unique, "finished", "pass", "tuxsuite/demo")
                    .replace("\"token_name\"", "\"pad\": \"" + padding + "\", \"token_name\"");
            case STANDARD -> "{\"type\":\"invoice.paid\",\"timestamp\":\"2026-11-22T12:00:00Z\",\"data\":{\"id\":\""
                    + unique + "\",\"pad\":\"" + padding + "\"}}";
        };
    }

    private static SignedDelivery delivery(Sender sender, TestKey key) {
        return SignedDelivery.of(sender).body(payload(sender, "")).key(key.signing());
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void goodSignatureIsAcceptedAndStoredAsVerified(Sender sender) {
        TestKey key = freshSource(sender);

        assertAccepted(delivery(sender, key).send(gateway.base()));

        DeliveryRow stored = gateway.latest(source(sender));
        assertThat(stored.verification()).isEqualTo("verified");
        assertThat(stored.processing()).isIn("received", "applied");
        assertThat(stored.deliveryKey()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void wrongKeyIsRefusedAndStoredWithTheReason(Sender sender) {
        freshSource(sender);
        TestKey other = SignedGateway.newKey(sender);

        HttpResponse<String> response = SignedDelivery.of(sender).body(payload(sender, "")).key(other.signing())
                .send(gateway.base());

        assertRefused(response);
        DeliveryRow stored = gateway.latest(source(sender));
        assertThat(stored.verification()).isEqualTo("rejected");
        assertThat(stored.verificationDetail()).contains("matched none");
        assertThat(response.body()).doesNotContain("matched");
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void missingSignatureHeaderIsRefused(Sender sender) {
        TestKey key = freshSource(sender);

        assertRefused(delivery(sender, key).unsigned().send(gateway.base()));

        assertThat(gateway.latest(source(sender)).verificationDetail()).startsWith("missing");
    }

    @ParameterizedTest
    @EnumSource(value = Sender.class, names = "GITLAB", mode = EnumSource.Mode.EXCLUDE)
    void bodyChangedByOneByteIsRefused(Sender sender) {
        // GitLab's token does not cover the body; its signed form is tested with the Standard Webhooks headers.
        TestKey key = freshSource(sender);

        assertRefused(delivery(sender, key).tampered().send(gateway.base()));

        assertThat(gateway.latest(source(sender)).verification()).isEqualTo("rejected");
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void newKeyIsAcceptedWhileTheOldIsActiveAndTheRetiredOneIsRefused(Sender sender) {
        TestKey old = freshSource(sender);
        TestKey fresh = SignedGateway.newKey(sender);
        UUID oldId = gateway.sources().secrets(source(sender)).get(0).id();
        gateway.addKey(source(sender), null, fresh);

        assertAccepted(delivery(sender, old).send(gateway.base()));
        assertAccepted(delivery(sender, fresh).send(gateway.base()));

        gateway.sources().setNotAfter(source(sender), oldId, Optional.of(Instant.now().minusSeconds(1)));

        assertRefused(delivery(sender, old).send(gateway.base()));
        assertAccepted(delivery(sender, fresh).send(gateway.base()));
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void repeatedDeliveryIsAnsweredAsDuplicateAndAppliedOnce(Sender sender) {
        TestKey key = freshSource(sender);
        SignedDelivery delivery = delivery(sender, key).deliveryId(UUID.randomUUID().toString());

        assertAccepted(delivery.send(gateway.base()));
        HttpResponse<String> repeat = delivery.send(gateway.base());

        assertThat(repeat.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(repeat);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("duplicate").asBoolean()).isTrue();
        Map<String, Object> original = gateway.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT id, delivery_key, job_id FROM deliveries WHERE source = ? AND verification = 'verified' "
                        + "AND delivery_key IS NOT NULL ORDER BY id DESC LIMIT 1")
                .bind(0, source(sender)).mapToMap().one());
        DeliveryRow stored = gateway.latest(source(sender));
        assertThat(stored.processing()).isEqualTo("duplicate");
        assertThat(stored.duplicateOf()).isEqualTo(original.get("id"));
        assertThat(gateway.database().count("SELECT count(*) FROM deliveries WHERE source = ? AND delivery_key = ?",
                source(sender), original.get("delivery_key"))).isEqualTo(1);
        if (sender == Sender.TUXSUITE) {
            assertThat(gateway.database().count("SELECT count(*) FROM job_status_updates WHERE job_id = ?",
                    original.get("job_id"))).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void bodyOverTheSourceCapAnswers413AndIsStoredWithoutItsBody(Sender sender) {
        TestKey key = freshSource(sender);

        HttpResponse<String> response = SignedDelivery.of(sender).body(payload(sender, "x".repeat(CAP)))
                .key(key.signing()).send(gateway.base());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Http.json(response).get("error_code").asText()).isEqualTo("ERR_PAYLOAD_TOO_LARGE");
        DeliveryRow stored = gateway.latest(source(sender));
        assertThat(stored.processing()).isEqualTo("too_large");
        assertThat(gateway.database().count("SELECT count(*) FROM deliveries WHERE id = ? AND body IS NULL",
                stored.id())).isEqualTo(1);
    }

    @Test
    void unknownStandardWebhooksSourceIsRefusedAndRecorded() {
        HttpResponse<String> response = SignedDelivery.standard("nobody").body("{\"type\":\"x\"}")
                .secret(SignedGateway.newKey(Sender.STANDARD).registered()).send(gateway.base());

        assertRefused(response);
        DeliveryRow stored = gateway.latest("nobody");
        assertThat(stored.verification()).isEqualTo("rejected");
        assertThat(stored.verificationDetail()).isEqualTo("unknown source nobody");
    }

    @Test
    void sourceOfAnotherTypeIsRefusedOnTheStandardEndpoint() {
        TestKey key = freshSource(Sender.GITHUB);

        assertRefused(SignedDelivery.standard("github").body("{}").secret(key.registered()).send(gateway.base()));

        assertThat(gateway.latest("github").verificationDetail()).contains("this endpoint verifies standard");
    }
}
