package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A source with its keys decrypted and parsed, as the verifiers use it; cached for a short while.
 *
 * @param name the source's name (the endpoint's, or the {@code {source}} of {@code /callbacks/webhooks/})
 * @param type its verifier type
 * @param maxBodyBytes its own body cap, if it has one
 * @param toleranceSeconds how far a signed timestamp may be from now
 * @param allowSha1 whether GitHub's legacy {@code X-Hub-Signature} (SHA-1) is accepted
 * @param keysUrl where TuxSuite public keys are fetched from, a template with {@code {group}} and {@code {project}}
 * @param keys every key, active or not
 */
public record LoadedSource(
        String name,
        String type,
        OptionalInt maxBodyBytes,
        int toleranceSeconds,
        boolean allowSha1,
        Optional<String> keysUrl,
        List<SourceKey> keys) {

    public LoadedSource {
        keys = List.copyOf(keys);
    }

    /** Whether any key is tied to a repository or group, so that a request's scope is worth reading. */
    public boolean hasScopedKeys() {
        return keys.stream().anyMatch(key -> !key.scope().isEmpty());
    }

    /**
     * The active keys for the first scope that has keys of its own, else the source-wide ones. A scope with
     * keys of its own never falls back: a repository's secret is not shared with the rest of the source.
     */
    public List<SourceKey> candidates(List<String> scopes, Instant now) {
        Set<String> scoped = keys.stream().map(SourceKey::scope).collect(Collectors.toSet());
        String chosen = scopes.stream().filter(scoped::contains).findFirst().orElse("");
        return keys.stream().filter(key -> key.scope().equals(chosen) && key.activeAt(now)).toList();
    }
}
