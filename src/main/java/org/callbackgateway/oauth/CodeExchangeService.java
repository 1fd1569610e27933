package org.callbackgateway.oauth;

import java.time.Clock;
import java.util.Optional;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 7-9: consumes the state, trades the authorization code for tokens and stores them; shared by the API
 * endpoint and the browser callback.
 */
public final class CodeExchangeService {
    private static final Logger LOG = LoggerFactory.getLogger(CodeExchangeService.class);

    private final AuthorizationRequestService authorizationRequests;
    private final TokenEndpointClient tokenEndpoint;
    private final TokenStore tokens;
    private final Clock clock;

    public CodeExchangeService(AuthorizationRequestService authorizationRequests, TokenEndpointClient tokenEndpoint,
                               TokenStore tokens, Clock clock) {
        this.authorizationRequests = authorizationRequests;
        this.tokenEndpoint = tokenEndpoint;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Completes the authorization request {@code state} with {@code code} and returns its {@code state_info}.
     * The state is consumed first, so a code is never tried twice with one state, even when the exchange fails.
     *
     * @param username the caller, who must own the state; empty for the browser callback, which acts for the
     *     state's owner (the state itself, single-use and bound to the PKCE verifier, is the proof)
     * @throws StateRefusedException when the state cannot be completed
     * @throws ApiException 502 {@code ERR_REQUEST_FAILED} when the token endpoint failed or refused
     */
    public String complete(OAuthApiConfig api, String state, String code, Optional<String> username) {
        AuthorizationRequest request = authorizationRequests.consume(api.name(), state, username);
        TokenGrant grant;
        try {
            grant = tokenEndpoint.exchangeCode(api, code, request.codeVerifier());
        } catch (TokenEndpointException e) {
            LOG.warn("authorization code exchange for user {} failed: {}", request.username(), e.getMessage());
            throw ApiException.requestFailed(e.getMessage(), e);
        }
        // A provider leaves the scope out when it granted what was asked for.
        Optional<String> requested = api.scopes().isEmpty() ? Optional.empty() : Optional.of(String.join(" ", api.scopes()));
        grant = grant.withScopeIfAbsent(requested);
        tokens.save(api.name(), request.username(), grant, clock.instant());
        LOG.info("stored the {} token of user {} ({})", api.name(), request.username(), grant);
        return request.stateInfo();
    }
}
