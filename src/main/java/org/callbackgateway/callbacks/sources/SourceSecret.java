package org.callbackgateway.callbacks.sources;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code source_secrets}: an encrypted secret or a public key of a source.
 */
public record SourceSecret(
        UUID id,
        String source,
        String scope,
        String kind,
        byte[] ciphertext,
        String encryptionKeyId,
        String publicKey,
        String label,
        Instant notAfter,
        String createdBy,
        Instant createdAt) {
}
