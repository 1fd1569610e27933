package org.callbackgateway.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.callbackgateway.config.EncryptionConfig;

/**
 * Encrypts secrets at rest with AES-256-GCM: a random 96-bit nonce per message, caller-supplied associated data
 * (binding a ciphertext to its row, so it cannot be moved to another), and the key id kept beside the ciphertext
 * so that keys can rotate.
 */
public final class SecretBox {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    public SecretBox(EncryptionConfig config) {
        Map<String, SecretKey> decoded = new HashMap<>();
        config.keys().forEach((id, key) ->
                decoded.put(id, new SecretKeySpec(Base64.getDecoder().decode(key.reveal()), "AES")));
        this.keys = Map.copyOf(decoded);
        this.activeKeyId = config.activeKeyId();
    }

    /** A ciphertext ({@code nonce || encrypted data || tag}) and the id of the key that made it. */
    public record Sealed(String keyId, byte[] ciphertext) {
    }

    /** The context a secret belongs to, as associated data: e.g. {@code ("access_token", api, user)}. */
    public static byte[] context(String... parts) {
        return String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8);
    }

    public Sealed seal(String plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(activeKeyId, ByteBuffer.allocate(NONCE_BYTES + encrypted.length)
                    .put(nonce).put(encrypted).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * Decrypts what {@link #seal} made with the same associated data.
     *
     * @throws UnreadableSecretException when the key is gone or the data or context do not match
     */
    public String open(Sealed sealed, byte[] associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new UnreadableSecretException("no key " + sealed.keyId() + " is configured");
        }
        if (sealed.ciphertext().length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException("ciphertext is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, sealed.ciphertext(), 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            byte[] plain = cipher.doFinal(sealed.ciphertext(), NONCE_BYTES, sealed.ciphertext().length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException("ciphertext does not authenticate");
        }
    }

    /** Whether a ciphertext was made with a key other than the active one, and should be sealed again. */
    public boolean isStale(Sealed sealed) {
        return !activeKeyId.equals(sealed.keyId());
    }

    /** A stored secret that cannot be decrypted with the configured keys. */
    public static final class UnreadableSecretException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableSecretException(String message) {
            super(message);
        }
    }
}
