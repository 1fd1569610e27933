package org.callbackgateway.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a validly signed token of the gateway's own has been revoked since it was issued (its client deleted,
 * disabled, or its key rotated).
 */
interface TokenRevocations {
    /**
     * Why the token of {@code clientId} no longer counts; empty when it does.
     *
     * @param keySetAt when the key the token was issued for was set (its {@code key_set_at} claim), if it says
     * @param issuedAt the token's {@code iat}, compared with the key's time when the token does not say
     */
    Optional<String> revocation(String clientId, Optional<Instant> keySetAt, Instant issuedAt);
}
