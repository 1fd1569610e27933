package org.callbackgateway.forwarding;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A subscription ready to send to: its row, its signing keys (decrypted) and its extra headers (decrypted).
 */
record Target(SubscriptionRow subscription, List<SigningKey> keys, Map<String, String> headers) {

    /** A signing key with the end of its validity, if any. */
    record SigningKey(byte[] key, Instant notAfter) {
    }

    /** The keys valid at {@code now}. */
    List<byte[]> activeKeys(Instant now) {
        return keys.stream().filter(key -> key.notAfter() == null || now.isBefore(key.notAfter()))
                .map(SigningKey::key).toList();
    }
}
