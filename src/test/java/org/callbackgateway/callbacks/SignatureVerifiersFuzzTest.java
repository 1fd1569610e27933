package org.callbackgateway.callbacks;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.callbackgateway.callbacks.forge.GitHubVerifier;
import org.callbackgateway.callbacks.forge.GitLabVerifier;
import org.callbackgateway.callbacks.forge.GiteaVerifier;
import org.callbackgateway.callbacks.standard.StandardWebhookVerifier;
import org.callbackgateway.callbacks.tux.OpenSshKeys;
import org.callbackgateway.callbacks.tux.TuxKeyFetcher;
import org.callbackgateway.callbacks.tux.TuxSuiteVerifier;
import org.callbackgateway.web.Json;

/**
 * Every signature verifier, fed fuzzed headers and bodies: it never throws, and never accepts what was not signed
 * with its key. The OpenSSH key parser, fed fuzzed key lines, either parses a P-256 key or refuses cleanly.
 */
class SignatureVerifiersFuzzTest {
    private static final JsonFields JSON = new JsonFields(Json.newMapper().getFactory());
    private static final List<SignatureVerifier> VERIFIERS = List.of(
            new GitHubVerifier(JSON), new GiteaVerifier(JSON), new GitLabVerifier(JSON), new StandardWebhookVerifier(JSON),
            new TuxSuiteVerifier(JSON, Json.newMapper(), new TuxKeyFetcher(Json.newMapper(), Clock.systemUTC(), Duration.ofHours(1))));
    private static final String[] HEADERS = {
            "x-hub-signature-256", "x-hub-signature", "x-github-delivery", "x-gitea-signature", "x-forgejo-signature",
            "x-gitlab-token", "x-gitlab-event-uuid", "webhook-id", "webhook-timestamp", "webhook-signature",
            "x-tux-payload-signature", "idempotency-key"};

    private static List<SourceKey> keys(SignatureVerifier verifier) {
        try {
            byte[] value;
            KeyKind kind;
            if (verifier.type().equals("tuxsuite")) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                value = OpenSshKeys.format((java.security.interfaces.ECPublicKey) generator.generateKeyPair().getPublic(),
                        "fuzz").getBytes(StandardCharsets.UTF_8);
                kind = KeyKind.PUBLIC_KEY;
            } else if (verifier.type().equals("standard")) {
                value = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".getBytes(StandardCharsets.UTF_8);
                kind = KeyKind.SECRET;
            } else {
                value = "fuzz-shared-secret-0123456789".getBytes(StandardCharsets.UTF_8);
                kind = KeyKind.SECRET;
            }
            return List.of(new SourceKey(UUID.randomUUID(), "", Optional.empty(), verifier.prepare(kind, value)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void verifiersNeverThrowNorAcceptForgeries(FuzzedDataProvider data) {
        SignatureVerifier verifier = VERIFIERS.get(data.consumeInt(0, VERIFIERS.size() - 1));
        Map<String, String> headers = new HashMap<>();
        int count = data.consumeInt(0, 6);
        for (int i = 0; i < count; i++) {
            headers.put(HEADERS[data.consumeInt(0, HEADERS.length - 1)], data.consumeString(200));
        }
        byte[] body = data.consumeRemainingAsBytes();
        SignedRequest request = new SignedRequest(verifier.type(), headers, body, Instant.now());
        List<SourceKey> keys = keys(verifier);
        LoadedSource source = new LoadedSource(verifier.type(), verifier.type(), OptionalInt.empty(), 300, true,
                Optional.empty(), keys);

        verifier.claims(request, source);
        Verdict verdict = verifier.verify(request, source, keys);

        if (verdict instanceof Verdict.Verified) {
            throw new AssertionError(verifier.type() + " accepted a fuzzed request");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void openSshKeyParserRefusesCleanly(FuzzedDataProvider data) {
        try {
            OpenSshKeys.parse(data.consumeRemainingAsString());
        } catch (IllegalArgumentException refused) {
            // expected for anything that is not an ecdsa-sha2-nistp256 key on the curve
        }
    }
}
