package org.callbackgateway.callbacks.standard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import org.callbackgateway.callbacks.KeyMaterial;
import org.callbackgateway.callbacks.Signatures;

/**
 * The Standard Webhooks keys as senders write them: {@code whsec_} shared secrets and {@code whpk_} Ed25519
 * public keys.
 */
public final class StandardKeys {
    public static final String SECRET_PREFIX = "whsec_";
    public static final String PUBLIC_KEY_PREFIX = "whpk_";
    /** The DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private StandardKeys() {
    }

    /** A {@code whsec_} secret (the prefix optional), base64 of 16 to 128 bytes. */
    public static KeyMaterial.SharedSecret secret(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8).trim();
        String encoded = text.startsWith(SECRET_PREFIX) ? text.substring(SECRET_PREFIX.length()) : text;
        byte[] key = Signatures.base64(encoded).filter(bytes -> bytes.length >= 16 && bytes.length <= 128)
                .orElseThrow(() -> new IllegalArgumentException(
                        "a Standard Webhooks secret is whsec_ followed by the base64 of 16 to 128 bytes"));
        return new KeyMaterial.SharedSecret(value.clone(), Signatures.hmacKey(key));
    }

    /** A {@code whpk_} public key: base64 of a raw 32-byte Ed25519 key. */
    public static KeyMaterial.Public publicKey(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8).trim();
        if (!text.startsWith(PUBLIC_KEY_PREFIX)) {
            throw new IllegalArgumentException("a Standard Webhooks public key is whpk_ followed by base64");
        }
        byte[] raw = Signatures.base64(text.substring(PUBLIC_KEY_PREFIX.length())).filter(bytes -> bytes.length == 32)
                .orElseThrow(() -> new IllegalArgumentException("a whpk_ key must be the base64 of 32 bytes"));
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        try {
            return new KeyMaterial.Public(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key");
        }
    }
}
