package org.callbackgateway.callbacks;

import java.util.List;

/**
 * Checks the signatures of one type of source (GitHub, Gitea, GitLab, TuxSuite, Standard Webhooks).
 *
 * <p>Implementations never throw for bad input: anything wrong with a request is a {@link Verdict.Rejected}.
 */
public interface SignatureVerifier {

    /** The source type this verifier serves, as stored in {@code sources.type}. */
    String type();

    /**
     * Parses a configured key once, when the source is loaded or the key is added.
     *
     * @throws IllegalArgumentException with a message fit for the administrator when the key is unusable
     */
    KeyMaterial prepare(KeyKind kind, byte[] value);

    /**
     * Reads the delivery id, event type and key scopes; the body is not trusted yet. A verifier reads the
     * body for a scope only when the source has scoped keys at all.
     */
    Claims claims(SignedRequest request, LoadedSource source);

    /**
     * Checks the request against the source's active keys for its scope.
     *
     * @param keys the active keys, possibly none
     */
    Verdict verify(SignedRequest request, LoadedSource source, List<SourceKey> keys);

    /** The bytes to parse when the request's verification is trusted instead of checked (a replay's choice). */
    default byte[] trustedPayload(SignedRequest request) {
        return request.body();
    }
}
