package org.callbackgateway.callbacks.sources;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.callbackgateway.callbacks.KeyKind;

/**
 * A source with its secrets decrypted, for the verifiers; never leaves the process.
 */
public record SourceMaterial(Source source, List<PlainKey> keys) {

    public SourceMaterial {
        keys = List.copyOf(keys);
    }

    /** One decrypted secret or public key. */
    public record PlainKey(UUID id, String scope, KeyKind kind, byte[] value, Instant notAfter) {
    }
}
