package org.callbackgateway.callbacks.standard;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.SignedDelivery;
import org.callbackgateway.callbacks.SignedRequest;
import org.callbackgateway.callbacks.SourceKey;
import org.callbackgateway.callbacks.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StandardSignaturesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY = "{\"type\":\"invoice.paid\",\"data\":{\"id\":\"in_1\"}}";
    private static final StandardWebhookVerifier VERIFIER = new StandardWebhookVerifier(null);

    private static SourceKey key(KeyKind kind, String value) {
        return new SourceKey(UUID.randomUUID(), "", Optional.empty(),
                VERIFIER.prepare(kind, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static SignedRequest request(String id, long timestamp, String signature) {
        return new SignedRequest("acme", Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature), BODY.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static String v1(String id, long timestamp) throws Exception {
        return new Webhook(SECRET).sign(id, timestamp, BODY);
    }

    @Nested
    class V1 {
        @Test
        void verifyAcceptsTheReferenceLibrarysSignature() throws Exception {
            long at = NOW.getEpochSecond();

            Verdict verdict = StandardSignatures.verify(request("msg_1", at, v1("msg_1", at)),
                    List.of(key(KeyKind.SECRET, SECRET)), 300);

            assertThat(verdict).isInstanceOf(Verdict.Verified.class);
        }

        @Test
        void verifyAcceptsWhenAnyOfSeveralSignaturesMatches() throws Exception {
            long at = NOW.getEpochSecond();
            String header = "v1,bm90IGl0 v2,c29tZXRoaW5n " + v1("msg_1", at);

            assertThat(StandardSignatures.verify(request("msg_1", at, header), List.of(key(KeyKind.SECRET, SECRET)), 300))
                    .isInstanceOf(Verdict.Verified.class);
        }

        @Test
        void verifyRejectsASignatureOverAnotherId() throws Exception {
            long at = NOW.getEpochSecond();

            assertThat(StandardSignatures.verify(request("msg_2", at, v1("msg_1", at)),
                    List.of(key(KeyKind.SECRET, SECRET)), 300))
                    .isEqualTo(new Verdict.Rejected("1 signature(s) matched none of 1 active key(s)"));
        }

        @Test
        void verifyRejectsTimestampOlderThanTolerance() throws Exception {
            long at = NOW.getEpochSecond() - 301;

            assertThat(StandardSignatures.verify(request("msg_1", at, v1("msg_1", at)),
                    List.of(key(KeyKind.SECRET, SECRET)), 300))
                    .isEqualTo(new Verdict.Rejected("webhook-timestamp is 301 s old, over the tolerance of 300 s"));
        }

        @Test
        void verifyRejectsTimestampFurtherInTheFutureThanTolerance() throws Exception {
            long at = NOW.getEpochSecond() + 301;

            assertThat(StandardSignatures.verify(request("msg_1", at, v1("msg_1", at)),
                    List.of(key(KeyKind.SECRET, SECRET)), 300))
                    .isInstanceOf(Verdict.Rejected.class);
        }

        @Test
        void verifyAcceptsTimestampJustInsideTolerance() throws Exception {
            long at = NOW.getEpochSecond() - 300;

            assertThat(StandardSignatures.verify(request("msg_1", at, v1("msg_1", at)),
                    List.of(key(KeyKind.SECRET, SECRET)), 300))
                    .isInstanceOf(Verdict.Verified.class);
        }

        @Test
        void verifyRejectsAMissingHeader() {
            SignedRequest request = new SignedRequest("acme", Map.of("webhook-id", "msg_1"),
                    BODY.getBytes(StandardCharsets.UTF_8), NOW);

            assertThat(StandardSignatures.verify(request, List.of(key(KeyKind.SECRET, SECRET)), 300))
                    .isEqualTo(new Verdict.Rejected("missing webhook-id, webhook-timestamp or webhook-signature header"));
        }
    }

    @Nested
    class V1a {
        @Test
        void verifyAcceptsAnEd25519SignatureWithItsWhpkKey() throws Exception {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            String whpk = "whpk_" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
            long at = NOW.getEpochSecond();
            byte[] signed = ("msg_1." + at + "." + BODY).getBytes(StandardCharsets.UTF_8);
            String signature = "v1a," + Base64.getEncoder().encodeToString(
                    SignedDelivery.sign("Ed25519", pair.getPrivate(), signed));

            assertThat(StandardSignatures.verify(request("msg_1", at, signature), List.of(key(KeyKind.PUBLIC_KEY, whpk)), 300))
                    .isInstanceOf(Verdict.Verified.class);
            assertThat(StandardSignatures.verify(request("msg_2", at, signature), List.of(key(KeyKind.PUBLIC_KEY, whpk)), 300))
                    .isInstanceOf(Verdict.Rejected.class);
        }
    }
}
