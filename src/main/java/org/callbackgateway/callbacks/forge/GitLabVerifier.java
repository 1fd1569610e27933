package org.callbackgateway.callbacks.forge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.Claims;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.KeyMaterial;
import org.callbackgateway.callbacks.LoadedSource;
import org.callbackgateway.callbacks.SignedRequest;
import org.callbackgateway.callbacks.Signatures;
import org.callbackgateway.callbacks.SourceKey;
import org.callbackgateway.callbacks.Verdict;
import org.callbackgateway.callbacks.standard.StandardKeys;
import org.callbackgateway.callbacks.standard.StandardSignatures;

/**
 * GitLab: the Standard Webhooks signature when GitLab sends one (a {@code whsec_} signing token), else the
 * {@code X-Gitlab-Token} secret token, compared in constant time.
 *
 * <p>The delivery id is {@code Idempotency-Key} (GitLab 17.4+), the one value GitLab keeps across its retries of
 * a delivery. {@code X-Gitlab-Event-UUID} alone is not one: every webhook triggered by an earlier webhook
 * ("recursive" hooks) carries the same value, so without the key it is combined with the hook
 * ({@code X-Gitlab-Webhook-UUID}) and the event ({@code X-Gitlab-Event}).
 */
public final class GitLabVerifier extends ForgeVerifier {
    public static final String TYPE = "gitlab";
    private static final String[] GIT_HTTP_URL = {"project", "git_http_url"};
    private static final String[] WEB_URL = {"project", "web_url"};
    // Job events ("object_kind": "build") of older GitLab versions name the project only in "repository".
    private static final String[] REPOSITORY_GIT_HTTP_URL = {"repository", "git_http_url"};
    private static final String[] REPOSITORY_HOMEPAGE = {"repository", "homepage"};

    public GitLabVerifier(JsonFields json) {
        super(TYPE, json, GIT_HTTP_URL, WEB_URL, REPOSITORY_GIT_HTTP_URL, REPOSITORY_HOMEPAGE);
    }

    @Override
    public KeyMaterial prepare(KeyKind kind, byte[] value) {
        if (kind != KeyKind.SECRET) {
            throw new IllegalArgumentException("gitlab uses a secret token or a whsec_ signing token, not a public key");
        }
        String text = new String(value, StandardCharsets.UTF_8);
        // A signing token also verifies Standard Webhooks signatures; any secret can be a plain token.
        return text.startsWith(StandardKeys.SECRET_PREFIX)
                ? StandardKeys.secret(value)
                : new KeyMaterial.SharedSecret(value.clone(), null);
    }

    @Override
    public Claims claims(SignedRequest request, LoadedSource source) {
        return new Claims(deliveryId(request), request.header("X-Gitlab-Event"), scopes(request, source));
    }

    private static Optional<String> deliveryId(SignedRequest request) {
        Optional<String> idempotencyKey = request.header("Idempotency-Key");
        if (idempotencyKey.isPresent()) {
            return idempotencyKey;
        }
        Optional<String> eventUuid = request.header("X-Gitlab-Event-UUID");
        if (eventUuid.isPresent()) {
            return Optional.of(eventUuid.get() + ":" + request.header("X-Gitlab-Webhook-UUID").orElse("")
                    + ":" + request.header("X-Gitlab-Event").orElse(""));
        }
        return request.header("webhook-id");
    }

    @Override
    public Verdict verify(SignedRequest request, LoadedSource source, List<SourceKey> keys) {
        if (StandardSignatures.isPresent(request)) {
            return StandardSignatures.verify(request, keys, source.toleranceSeconds());
        }
        Optional<String> token = request.header("X-Gitlab-Token");
        if (token.isEmpty()) {
            return Verdict.rejected("missing X-Gitlab-Token header (and no webhook-signature)");
        }
        if (keys.isEmpty()) {
            return Verdict.rejected("no active secret for this project or source");
        }
        // Digests first, so the comparison takes the same time whatever the lengths.
        byte[] sent = sha256(token.get().getBytes(StandardCharsets.UTF_8));
        for (SourceKey key : keys) {
            if (key.material() instanceof KeyMaterial.SharedSecret secret
                    && Signatures.equal(sha256(secret.value()), sent)) {
                return new Verdict.Verified("X-Gitlab-Token matched secret " + key.id(), request.body());
            }
        }
        return Verdict.rejected("X-Gitlab-Token matched none of " + HmacKeys.describe(keys));
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
