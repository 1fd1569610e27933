package org.callbackgateway.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;
import org.jdbi.v3.core.Jdbi;

/**
 * The OAuth authorization-code feature, wired: its services, its resources, the browser callback servlet and the
 * clean-up of expired state rows.
 */
public final class OAuthModule implements FeatureModule {
    private final OAuthApis apis;
    private final AuthorizationRequestService authorizationRequests;
    private final TokenStore tokenStore;
    private final TokenEndpointClient tokenEndpoint;
    private final CodeExchangeService codeExchange;
    private final OAuthTokenService tokens;
    private final ExpiredStateCleaner expiredStateCleaner;
    private final ObjectMapper mapper;

    public OAuthModule(Foundation foundation) {
        Jdbi jdbi = foundation.jdbi();
        GatewayConfig config = foundation.config();
        ObjectMapper mapper = foundation.mapper();
        Clock clock = foundation.clock();
        JdbiFactory.precomputeSqlObjects(jdbi, List.of(AccessTokenDao.class, AuthorizationRequestDao.class));
        this.mapper = mapper;
        this.apis = new OAuthApis(config.oauth());
        this.authorizationRequests = new AuthorizationRequestService(jdbi, config.oauth().stateTtl(), clock);
        this.tokenStore = new TokenStore(jdbi, config.encryption().map(SecretBox::new));
        // Bounded, because a refresh holds the token row's lock while it waits for the provider.
        this.tokenEndpoint = new TokenEndpointClient(config.oauth().tokenConnectTimeout(),
                config.oauth().tokenRequestTimeout(), mapper);
        this.codeExchange = new CodeExchangeService(authorizationRequests, tokenEndpoint, tokenStore, clock);
        this.tokens = new OAuthTokenService(apis, tokenStore, tokenEndpoint, authorizationRequests,
                config.oauth().refreshMargin(), clock);
        this.expiredStateCleaner = new ExpiredStateCleaner(authorizationRequests, Duration.ofMinutes(1));
    }

    /** Starts the periodic clean-up of expired state rows. */
    @Override
    public void start() {
        expiredStateCleaner.start();
    }

    /** The Jersey resources and the mapper of the feature's 401. */
    @Override
    public List<Object> resources() {
        return List.of(new AuthorizationRequiredExceptionMapper(),
                new OAuthResource(apis, authorizationRequests, codeExchange, tokens, tokenStore),
                new OAuthAdminResource(apis, tokenStore));
    }

    /**
     * The browser side of the flow, a plain servlet at {@code /oauth/callback/*}: more specific than Jersey's
     * {@code /*}, so the provider's redirects reach it.
     */
    @Override
    public Map<String, HttpServlet> servlets() {
        return Map.of("/oauth/callback/*", new OAuthCallbackServlet(apis, codeExchange, mapper));
    }

    /** Valid access tokens for (API, user), for the features that call APIs on a user's behalf. */
    public OAuthTokenService tokens() {
        return tokens;
    }

    @Override
    public void close() {
        expiredStateCleaner.close();
        tokenEndpoint.close();
    }
}
