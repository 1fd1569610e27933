package org.callbackgateway.oauth;

import java.time.Instant;
import java.util.Optional;

/**
 * A user's decrypted tokens for one API.
 */
public record StoredToken(
        String apiName,
        String username,
        String accessToken,
        Optional<String> refreshToken,
        String tokenType,
        Optional<String> scope,
        Optional<Instant> expiresAt) {

    public AccessToken toAccessToken() {
        return new AccessToken(accessToken, tokenType, expiresAt.orElse(null));
    }

    @Override
    public String toString() {
        return "StoredToken[apiName=" + apiName + ", username=" + username + ", tokenType=" + tokenType
                + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("unknown") + "]";
    }
}
