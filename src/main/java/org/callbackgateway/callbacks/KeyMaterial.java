package org.callbackgateway.callbacks;

import java.security.PublicKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret or public key of a source, parsed once when the source is loaded, ready to verify with.
 */
public sealed interface KeyMaterial {

    /**
     * A shared secret.
     *
     * @param value the secret exactly as configured, for schemes that compare it (GitLab's token)
     * @param hmacKey the HMAC key derived from it (the secret's bytes, or a decoded {@code whsec_} key);
     *                null when the secret cannot be an HMAC key for the source's scheme
     */
    record SharedSecret(byte[] value, SecretKeySpec hmacKey) implements KeyMaterial {
    }

    /** A public key: ECDSA P-256 (TuxSuite) or Ed25519 (Standard Webhooks {@code v1a}). */
    record Public(PublicKey key) implements KeyMaterial {
    }
}
