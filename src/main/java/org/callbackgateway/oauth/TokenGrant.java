package org.callbackgateway.oauth;

import java.time.Duration;
import java.util.Optional;

/**
 * What a token endpoint granted.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, when one was issued
 * @param tokenType the token type, {@code Bearer} when the provider did not say
 * @param scope the granted scope, when the provider said
 * @param expiresIn the access token's lifetime, when the provider said
 */
public record TokenGrant(
        String accessToken,
        Optional<String> refreshToken,
        String tokenType,
        Optional<String> scope,
        Optional<Duration> expiresIn) {

    /**
     * This grant, keeping {@code previous} when the provider issued no new refresh token: RFC 6749 section 6 lets
     * it keep the old one valid.
     */
    public TokenGrant keepingRefreshToken(Optional<String> previous) {
        return refreshToken.isPresent() ? this : new TokenGrant(accessToken, previous, tokenType, scope, expiresIn);
    }

    /** This grant, with {@code requested} as its scope when the provider did not state one (RFC 6749 5.1). */
    public TokenGrant withScopeIfAbsent(Optional<String> requested) {
        return scope.isPresent() ? this : new TokenGrant(accessToken, refreshToken, tokenType, requested, expiresIn);
    }

    @Override
    public String toString() {
        return "TokenGrant[tokenType=" + tokenType + ", scope=" + scope.orElse("") + ", expiresIn="
                + expiresIn.map(Duration::toString).orElse("unknown") + ", refreshable=" + refreshToken.isPresent() + "]";
    }
}
