package org.callbackgateway.auth;

import java.time.Instant;
import java.util.List;
import org.callbackgateway.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same check as {@link BearerAuthFilter}, for plain servlets under {@code /secured}: one bearer token, and
 * {@code ?user=} only for services. Also says when the token expires, for responses that outlive the request.
 */
public final class RequestAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAuthenticator.class);

    private final TokenVerifier verifier;

    RequestAuthenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** Who is acting, until when, and whether the token still counts (see {@link TokenStanding}). */
    public record Authenticated(ActingPrincipal principal, Instant expiresAt, TokenStanding standing) {
        /** A caller whose standing is not known beyond its expiry. */
        public Authenticated(ActingPrincipal principal, Instant expiresAt) {
            this(principal, expiresAt, TokenStanding.UNTIL_EXPIRY);
        }
    }

    /**
     * @param authorization the request's {@code Authorization} headers
     * @param userParameter the values of its {@code user} query parameter (empty when absent)
     * @throws ApiException 401 for a missing or bad token, 403 or 400 for a bad {@code user}
     */
    public Authenticated authenticate(List<String> authorization, List<String> userParameter) {
        if (authorization.isEmpty()) {
            throw BearerAuthFilter.unauthorized("a bearer token is required", null);
        }
        if (authorization.size() > 1) {
            throw BearerAuthFilter.unauthorized("send one Authorization header", "invalid_request");
        }
        String header = authorization.get(0);
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw BearerAuthFilter.unauthorized("a bearer token is required", "invalid_request");
        }
        TokenVerifier.Verified verified;
        try {
            verified = verifier.verifyUntil(header.substring(7).trim());
        } catch (TokenVerifier.InvalidTokenException e) {
            LOG.info("bearer token refused: {}", e.getMessage());
            throw BearerAuthFilter.unauthorized("the bearer token is invalid or expired", "invalid_token");
        }
        String acting = BearerAuthFilter.actingUser(verified.caller(),
                userParameter.isEmpty() ? null : userParameter);
        return new Authenticated(new ActingPrincipal(verified.caller(), acting), verified.expiresAt(),
                verified.standing());
    }
}
