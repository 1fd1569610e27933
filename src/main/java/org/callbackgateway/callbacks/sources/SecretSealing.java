package org.callbackgateway.callbacks.sources;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.crypto.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals source secrets for storage and opens them for verification, each ciphertext bound to its source and
 * row so that, copied elsewhere, it does not open. Public keys are stored as they are.
 */
final class SecretSealing {
    private static final Logger LOG = LoggerFactory.getLogger(SecretSealing.class);

    private final Optional<SecretBox> box;

    SecretSealing(Optional<SecretBox> box) {
        this.box = box;
    }

    /** @throws org.callbackgateway.web.ApiException 409 when no encryption key is configured */
    SecretBox.Sealed seal(String source, UUID id, String secret) {
        SecretBox sealer = box.orElseThrow(() -> SourceRules.conflict(
                "secrets cannot be stored: no encryption key is configured (set GATEWAY_ENCRYPTION_KEYS)"));
        return sealer.seal(secret, associatedData(source, id));
    }

    /**
     * The key in plain, or empty (and logged) when it cannot be used: its encryption key is no longer
     * configured, or the row was altered. Such a key can never verify anything.
     */
    Optional<SourceMaterial.PlainKey> open(SourceSecret row) {
        Optional<KeyKind> kind = KeyKind.fromDb(row.kind());
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        if (kind.get() == KeyKind.PUBLIC_KEY) {
            return Optional.of(new SourceMaterial.PlainKey(row.id(), row.scope(), kind.get(),
                    row.publicKey().getBytes(StandardCharsets.UTF_8), row.notAfter()));
        }
        if (box.isEmpty()) {
            LOG.error("source {} secret {} cannot be used: no encryption key is configured", row.source(), row.id());
            return Optional.empty();
        }
        try {
            byte[] value = box.get().open(new SecretBox.Sealed(row.encryptionKeyId(), row.ciphertext()),
                    associatedData(row.source(), row.id())).getBytes(StandardCharsets.UTF_8);
            return Optional.of(new SourceMaterial.PlainKey(row.id(), row.scope(), kind.get(), value, row.notAfter()));
        } catch (SecretBox.UnreadableSecretException e) {
            LOG.error("source {} secret {} cannot be used: {}", row.source(), row.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private static byte[] associatedData(String source, UUID id) {
        return SecretBox.context("source_secrets", source, id.toString());
    }
}
