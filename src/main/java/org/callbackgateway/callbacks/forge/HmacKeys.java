package org.callbackgateway.callbacks.forge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.KeyMaterial;
import org.callbackgateway.callbacks.Signatures;
import org.callbackgateway.callbacks.SourceKey;

/**
 * The HMAC check GitHub and Gitea share: the signature is an HMAC of the raw body under the secret's bytes.
 */
final class HmacKeys {
    private HmacKeys() {
    }

    /** A forge secret: its UTF-8 bytes are the HMAC key, as GitHub and Gitea use them. */
    static KeyMaterial prepare(String type, KeyKind kind, byte[] value) {
        if (kind != KeyKind.SECRET) {
            throw new IllegalArgumentException(type + " signs with a shared secret, not a public key");
        }
        return new KeyMaterial.SharedSecret(value.clone(), Signatures.hmacKey(value));
    }

    /** The first active key whose HMAC of the body equals {@code signature}. */
    static Optional<SourceKey> match(String algorithm, byte[] signature, byte[] body, List<SourceKey> keys) {
        for (SourceKey key : keys) {
            if (key.material() instanceof KeyMaterial.SharedSecret secret && secret.hmacKey() != null
                    && Signatures.equal(Signatures.hmac(algorithm, secret.hmacKey(), body), signature)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** {@code sha256=<hex>} and the like; empty when the prefix or the hex is wrong. */
    static Optional<byte[]> prefixedHex(String header, String prefix) {
        return header.startsWith(prefix) ? Signatures.hex(header.substring(prefix.length())) : Optional.empty();
    }

    static String describe(List<SourceKey> keys) {
        return keys.size() + " active secret" + (keys.size() == 1 ? "" : "s");
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
