package org.callbackgateway.callbacks.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbackgateway.callbacks.SignedGateway.assertAccepted;
import static org.callbackgateway.callbacks.SignedGateway.assertRefused;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.callbackgateway.callbacks.SignedDelivery;
import org.callbackgateway.callbacks.SignedGateway;
import org.callbackgateway.callbacks.sources.NewSecret;
import org.callbackgateway.callbacks.sources.NewSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StandardWebhookCallbackIT {
    private static final String BODY = "{\"type\":\"invoice.paid\",\"timestamp\":\"2026-11-22T12:00:00Z\",\"data\":{}}";

    private static SignedGateway gateway;
    private String secret;
    private KeyPair ed25519;

    @BeforeAll
    static void start() throws Exception {
        gateway = SignedGateway.start("standard_it", Map.of("GATEWAY_WEBHOOK_TOLERANCE_SECONDS", "300"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void register() throws Exception {
        gateway.reset(new NewSource("billing", null, null, null, null, null));
        secret = SignedGateway.newKey(SignedDelivery.Sender.STANDARD).registered();
        gateway.addKey("billing", null, new SignedGateway.TestKey(secret, secret));
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = ed25519.getPublic().getEncoded();
        String whpk = "whpk_" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        gateway.sources().addSecret("billing", new NewSecret(null, "public_key", whpk, null, null), "test");
    }

    @Test
    void v1HmacSignatureIsAccepted() {
        assertAccepted(SignedDelivery.standard("billing").body(BODY).secret(secret).send(gateway.base()));

        assertThat(gateway.latest("billing").eventType()).isEqualTo("invoice.paid");
        assertThat(gateway.latest("billing").verificationDetail()).startsWith("v1 signature matched");
    }

    @Test
    void v1aEd25519SignatureIsAccepted() {
        assertAccepted(SignedDelivery.standard("billing").body(BODY).privateKey(ed25519.getPrivate())
                .send(gateway.base()));

        assertThat(gateway.latest("billing").verificationDetail()).startsWith("v1a signature matched");
    }

    @Test
    void timestampOlderThanFiveMinutesIsRefused() {
        assertRefused(SignedDelivery.standard("billing").body(BODY).secret(secret)
                .timestamp(Instant.now().minusSeconds(360)).send(gateway.base()));

        assertThat(gateway.latest("billing").verificationDetail()).contains("s old");
    }

    @Test
    void timestampMoreThanFiveMinutesAheadIsRefused() {
        assertRefused(SignedDelivery.standard("billing").body(BODY).secret(secret)
                .timestamp(Instant.now().plusSeconds(360)).send(gateway.base()));

        assertThat(gateway.latest("billing").verificationDetail()).contains("in the future");
    }

    @Test
    void severalSignaturesInOneHeaderAreAcceptedWhenOneMatches() {
        assertAccepted(SignedDelivery.standard("billing").body(BODY).secret(secret)
                .extraSignature("v1,dGhpcyBpcyBub3QgYSBzaWduYXR1cmU=").extraSignature("v1a,AAAA")
                .send(gateway.base()));
    }

    @Test
    void signedWithAKeyOfAnotherSourceIsRefused() {
        String other = SignedGateway.newKey(SignedDelivery.Sender.STANDARD).registered();

        assertRefused(SignedDelivery.standard("billing").body(BODY).secret(other).send(gateway.base()));
    }
}
