package org.callbackgateway.auth;

import java.util.Optional;

/**
 * Whether a token verified earlier still counts, for responses that outlive their request (event streams ask
 * again while they run). For the gateway's own tokens the answer is as fresh as the client cache
 * ({@code GATEWAY_CLIENT_CACHE_SECONDS}; at once for a change made on the same instance); identity-provider
 * tokens cannot be revoked here and count until they expire.
 */
@FunctionalInterface
public interface TokenStanding {
    /** A token nothing here can revoke: it counts until its expiry. */
    TokenStanding UNTIL_EXPIRY = Optional::empty;

    /** Why the token no longer counts (its client deleted or disabled, its key replaced); empty while it does. */
    Optional<String> revocation();
}
