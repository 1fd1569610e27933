package org.callbackgateway.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out valid access tokens for (API, user), refreshing them before they expire, for the features that call
 * APIs on a user's behalf.
 *
 * <p>Refreshes hold the token row's lock for the duration of the token request, so that of two concurrent
 * refreshes for one user the second waits and then finds the first one's new token: with providers that rotate
 * refresh tokens, a second refresh with the old refresh token would be refused and the user's grant lost.
 */
public final class OAuthTokenService {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokenService.class);

    private final OAuthApis apis;
    private final TokenStore tokens;
    private final TokenRefresher refresher;
    private final AuthorizationRequestService authorizationRequests;
    private final Duration refreshMargin;
    private final Clock clock;

    public OAuthTokenService(OAuthApis apis, TokenStore tokens, TokenEndpointClient tokenEndpoint,
                             AuthorizationRequestService authorizationRequests, Duration refreshMargin, Clock clock) {
        this.apis = apis;
        this.tokens = tokens;
        this.refresher = new TokenRefresher(tokenEndpoint, clock);
        this.authorizationRequests = authorizationRequests;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
    }

    /**
     * A token for {@code username} at {@code api} that is valid for at least the refresh margin (or whose expiry
     * the provider did not state), refreshed first when needed.
     *
     * @throws AuthorizationRequiredException when there is no token, or the provider refused to refresh it (the
     *     stored token is then deleted)
     * @throws ApiException 404 for an unknown API; 502 {@code ERR_REQUEST_FAILED} when the token endpoint failed
     *     (the stored token is kept, a later call may succeed)
     */
    public AccessToken validAccessToken(String api, String username) {
        OAuthApiConfig config = apis.require(api);
        Optional<StoredToken> unlocked = readable(config.name(), username);
        if (unlocked.isPresent() && !needsRefresh(unlocked.get())) {
            return unlocked.get().toAccessToken();
        }
        return underLock(config, username, null);
    }

    /**
     * A new token after the API answered 401 to {@code rejectedToken}. Refreshes only when the stored token is still
     * the rejected one; otherwise another thread has already replaced it, and that replacement is returned.
     *
     * @throws AuthorizationRequiredException when there is nothing to refresh with, or the provider refused
     * @throws ApiException as {@link #validAccessToken}
     */
    public AccessToken refreshAfterRejection(String api, String username, String rejectedToken) {
        return underLock(apis.require(api), username, rejectedToken);
    }

    /** Whether {@code username} holds a token for {@code api} that is unexpired or can be refreshed. */
    public boolean hasUsableToken(String api, String username) {
        Instant now = clock.instant();
        return tokens.info(api, username)
                .filter(info -> info.refreshable() || info.expiresAt() == null || info.expiresAt().isAfter(now))
                .isPresent();
    }

    private AccessToken underLock(OAuthApiConfig api, String username, String rejectedToken) {
        Optional<AccessToken> token = tokens.withLockedToken(api.name(), username, locked -> {
            Optional<StoredToken> current = readable(locked);
            if (current.isEmpty()) {
                return Optional.<AccessToken>empty();
            }
            StoredToken stored = current.get();
            boolean afterRejection = rejectedToken != null;
            // After a rejection, a different stored token means another thread has refreshed already.
            boolean refreshNeeded = afterRejection ? sameToken(stored.accessToken(), rejectedToken) : needsRefresh(stored);
            if (!refreshNeeded) {
                return Optional.of(stored.toAccessToken());
            }
            if (stored.refreshToken().isEmpty()) {
                if (afterRejection || isExpired(stored)) {
                    locked.delete();
                    return Optional.<AccessToken>empty();
                }
                // Still valid for a moment, and nothing to renew it with.
                return Optional.of(stored.toAccessToken());
            }
            return refresher.refresh(api, locked, stored);
        });
        return token.orElseThrow(() -> authorizationRequired(api, username));
    }

    private AuthorizationRequiredException authorizationRequired(OAuthApiConfig api, String username) {
        AuthorizationStart start = authorizationRequests.start(api, username, "");
        return new AuthorizationRequiredException(api.name(), username, start.authorizationUrl());
    }

    private Optional<StoredToken> readable(String api, String username) {
        try {
            return tokens.find(api, username);
        } catch (SecretBox.UnreadableSecretException e) {
            // Dealt with under the lock, where the row is deleted.
            return Optional.empty();
        }
    }

    private static Optional<StoredToken> readable(TokenStore.LockedToken locked) {
        try {
            return locked.current();
        } catch (SecretBox.UnreadableSecretException e) {
            // Its key was removed from the configuration: the token is lost, and only a new grant helps.
            LOG.warn("a stored token cannot be decrypted ({}): deleted", e.getMessage());
            locked.delete();
            return Optional.empty();
        }
    }

    private boolean needsRefresh(StoredToken token) {
        return token.expiresAt().map(expiry -> !expiry.isAfter(clock.instant().plus(refreshMargin))).orElse(false);
    }

    private boolean isExpired(StoredToken token) {
        return token.expiresAt().map(expiry -> !expiry.isAfter(clock.instant())).orElse(false);
    }

    private static boolean sameToken(String stored, String rejected) {
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), rejected.getBytes(StandardCharsets.UTF_8));
    }
}
