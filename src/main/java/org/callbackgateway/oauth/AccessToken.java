package org.callbackgateway.oauth;

import java.time.Instant;

/**
 * An access token to call an API with on a user's behalf.
 *
 * @param value the token, for the {@code Authorization} header
 * @param tokenType its type, usually {@code Bearer}
 * @param expiresAt when it expires; null when the provider did not say
 */
public record AccessToken(String value, String tokenType, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[tokenType=" + tokenType + ", expiresAt=" + expiresAt + "]";
    }
}
