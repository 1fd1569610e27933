package org.callbackgateway.oauth;

import java.time.Instant;

/**
 * A row of {@code access_tokens} as stored: both tokens are ciphertexts of the key {@code keyId}.
 */
public record TokenRow(
        String apiName,
        String username,
        String keyId,
        byte[] accessToken,
        byte[] refreshToken,
        String tokenType,
        String scope,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt) {

    @Override
    public String toString() {
        return "TokenRow[apiName=" + apiName + ", username=" + username + ", keyId=" + keyId + ", expiresAt="
                + expiresAt + "]";
    }
}
