package org.callbackgateway.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.callbackgateway.config.CryptoConfig;

/**
 * Encrypts small secrets at rest with AES-256-GCM under named keys, so that keys can rotate.
 *
 * <p>Each ciphertext is {@code nonce (12 bytes) || ciphertext || tag (16 bytes)} and is stored with the id
 * of the key that sealed it. The caller's associated data (for example the row's id) binds a ciphertext to
 * its place: moved to another row, it no longer opens.
 */
public final class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(Map<String, byte[]> keys, String activeKeyId) {
        Map<String, SecretKey> copy = new LinkedHashMap<>();
        keys.forEach((id, bytes) -> {
            if (bytes.length != 32) {
                throw new IllegalArgumentException("key " + id + " must be 32 bytes");
            }
            copy.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (!copy.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("no key " + activeKeyId);
        }
        this.keys = Map.copyOf(copy);
        this.activeKeyId = activeKeyId;
    }

    public static SecretBox from(CryptoConfig config) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        config.keys().keySet().forEach(id -> keys.put(id, config.keyBytes(id)));
        return new SecretBox(keys, config.activeKeyId());
    }

    /** A ciphertext and the id of the key that sealed it. */
    public record Sealed(String keyId, byte[] ciphertext) {
    }

    /** Encrypts under the active key with a fresh random nonce. */
    public Sealed seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] encrypted = cipher.doFinal(plaintext);
            return new Sealed(activeKeyId, ByteBuffer.allocate(NONCE_BYTES + encrypted.length)
                    .put(nonce).put(encrypted).array());
        } catch (GeneralSecurityException e) {
            throw new CryptoException("encryption failed", e);
        }
    }

    /**
     * Decrypts and authenticates.
     *
     * @throws CryptoException when the key is unknown, or the ciphertext or associated data was altered
     */
    public byte[] open(Sealed sealed, byte[] associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new CryptoException("no encryption key '" + sealed.keyId() + "' is configured", null);
        }
        byte[] data = sealed.ciphertext();
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CryptoException("ciphertext is truncated", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("ciphertext does not authenticate under key '" + sealed.keyId() + "'", e);
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }
}
