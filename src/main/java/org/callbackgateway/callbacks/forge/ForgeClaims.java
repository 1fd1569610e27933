package org.callbackgateway.callbacks.forge;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.LoadedSource;
import org.callbackgateway.callbacks.SignedRequest;
import org.callbackgateway.callbacks.SourceKey;
import org.callbackgateway.callbacks.Verdict;

/**
 * One claimed signature or token checked against one given secret by the forge verifiers themselves, with no
 * source, database or key scopes around it: what {@code whck} and secrets kept in files need.
 */
public final class ForgeClaims {
    /** The prefix GitHub puts before its hex signature; Gitea sends the bare hex. */
    public static final String SHA256_PREFIX = "sha256=";

    // Only claims() reads the body as JSON (to pick a repository's key); these checks never call it.
    private static final GitHubVerifier GITHUB = new GitHubVerifier(JsonFields.NONE);
    private static final GiteaVerifier GITEA = new GiteaVerifier(JsonFields.NONE);
    private static final GitLabVerifier GITLAB = new GitLabVerifier(JsonFields.NONE);
    private static final UUID GIVEN_SECRET = new UUID(0, 0);
    private static final byte[] NO_BODY = new byte[0];

    private ForgeClaims() {
    }

    /**
     * Whether {@code claim} is the hex HMAC-SHA256 of {@code body} under {@code secret}: with the
     * {@code sha256=} prefix it is checked as GitHub's {@code X-Hub-Signature-256}, without it as Gitea's
     * {@code X-Gitea-Signature}.
     */
    public static Verdict hmacSha256(byte[] secret, String claim, byte[] body) {
        return claim.startsWith(SHA256_PREFIX)
                ? check(GITHUB, "X-Hub-Signature-256", secret, claim, body)
                : check(GITEA, "X-Gitea-Signature", secret, claim, body);
    }

    /**
     * Whether {@code claim} is {@code secret} itself, as GitLab's {@code X-Gitlab-Token} is checked.
     *
     * @throws IllegalArgumentException when the secret cannot be a GitLab secret (a malformed {@code whsec_} one)
     */
    public static Verdict token(byte[] secret, String claim) {
        return check(GITLAB, "X-Gitlab-Token", secret, claim, NO_BODY);
    }

    private static Verdict check(ForgeVerifier verifier, String header, byte[] secret, String claim, byte[] body) {
        SourceKey key = new SourceKey(GIVEN_SECRET, "", Optional.empty(), verifier.prepare(KeyKind.SECRET, secret));
        LoadedSource source = new LoadedSource(verifier.type(), verifier.type(), OptionalInt.empty(), 0, false,
                Optional.empty(), List.of(key));
        SignedRequest request = new SignedRequest(verifier.type(), Map.of(header.toLowerCase(Locale.ROOT),
                claim), body, Instant.EPOCH);
        return verifier.verify(request, source, source.keys());
    }
}
