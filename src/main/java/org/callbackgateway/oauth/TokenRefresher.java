package org.callbackgateway.oauth;

import java.time.Clock;
import java.util.Optional;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes a locked stored token at the provider's token endpoint and stores the new one in its place; a refused
 * refresh deletes the stored token, since only a new grant can help.
 */
final class TokenRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);

    private final TokenEndpointClient tokenEndpoint;
    private final Clock clock;

    TokenRefresher(TokenEndpointClient tokenEndpoint, Clock clock) {
        this.tokenEndpoint = tokenEndpoint;
        this.clock = clock;
    }

    /** The renewed token, or empty when the provider refused (the stored token is then deleted). */
    Optional<AccessToken> refresh(OAuthApiConfig api, TokenStore.LockedToken locked, StoredToken stored) {
        TokenGrant grant;
        try {
            grant = tokenEndpoint.refresh(api, stored.refreshToken().get());
        } catch (TokenEndpointException e) {
            if (e.refused()) {
                LOG.info("{} refused to refresh the token of user {}: deleted ({})", api.name(), stored.username(),
                        e.getMessage());
                locked.delete();
                return Optional.empty();
            }
            LOG.warn("refreshing the {} token of user {} failed: {}", api.name(), stored.username(), e.getMessage());
            throw ApiException.requestFailed(e.getMessage(), e);
        }
        StoredToken renewed = locked.replace(
                grant.keepingRefreshToken(stored.refreshToken()).withScopeIfAbsent(stored.scope()), clock.instant());
        LOG.info("refreshed the {} token of user {}", api.name(), stored.username());
        return Optional.of(renewed.toAccessToken());
    }
}
