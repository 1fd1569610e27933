package org.callbackgateway.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Generates client keys and hashes and checks them with bcrypt.
 */
public final class ClientKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;
    private static final int MAX_BCRYPT_BYTES = 72;

    private final int cost;
    /** Compared against when the client does not exist, so that both cases take about as long. */
    private final byte[] dummyHash;

    public ClientKeys(int cost) {
        this.cost = cost;
        this.dummyHash = BCrypt.withDefaults().hash(cost, generate().getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh key: 32 random bytes, base64url without padding (43 characters). */
    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    public String hash(String key) {
        return BCrypt.withDefaults().hashToString(cost, key.toCharArray());
    }

    /**
     * Whether the key is the one hashed. bcrypt reads at most 72 bytes (the library refuses more); no key the
     * gateway made is that long, so a longer one is wrong, and is checked against the dummy hash to take the time
     * of any other wrong key.
     */
    public boolean matches(String key, String hash) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BCRYPT_BYTES) {
            burnOneCheck(key);
            return false;
        }
        return BCrypt.verifyer().verify(bytes, hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time of one check against a hash nobody has the key of. */
    public void burnOneCheck(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        BCrypt.verifyer().verify(bytes.length > MAX_BCRYPT_BYTES ? Arrays.copyOf(bytes, MAX_BCRYPT_BYTES) : bytes,
                dummyHash);
    }
}
