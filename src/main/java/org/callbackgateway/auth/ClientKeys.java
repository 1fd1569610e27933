package org.callbackgateway.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates client keys and hashes and checks them with bcrypt.
 */
public final class ClientKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;

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

    public boolean matches(String key, String hash) {
        return BCrypt.verifyer().verify(key.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time of one check against a hash nobody has the key of. */
    public void burnOneCheck(String key) {
        BCrypt.verifyer().verify(key.getBytes(StandardCharsets.UTF_8), dummyHash);
    }
}
