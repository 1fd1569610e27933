package org.callbackgateway.forwarding;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.callbackgateway.crypto.SecretBox;

/**
 * Standard Webhooks signing secrets: {@code whsec_} and the base64 of 32 random bytes, kept encrypted and bound
 * to their subscription and id, so that a ciphertext moved to another row does not open.
 */
final class SigningSecrets {
    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningSecrets() {
    }

    static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key a {@code whsec_} secret stands for. */
    static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] associatedData(UUID subscriptionId, UUID secretId) {
        return SecretBox.context("subscription_secrets", subscriptionId.toString(), secretId.toString());
    }

    static byte[] headersAssociatedData(UUID subscriptionId) {
        return SecretBox.context("subscription_headers", subscriptionId.toString());
    }
}
