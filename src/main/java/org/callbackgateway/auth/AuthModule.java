package org.callbackgateway.auth;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.callbackgateway.auth.oidc.IdentityProvider;
import org.callbackgateway.config.AuthConfig;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * Who may call: the clients and their keys, the gateway's own tokens (issued and verified), the bearer filter that
 * guards {@code /secured} and {@code /admin}, the first admin client created at start, and the site's identity
 * provider (its access tokens, and the console's sign-in through it).
 */
public final class AuthModule implements FeatureModule {
    private final AuthConfig config;
    private final ClientService clients;
    private final List<Object> resources;
    private final RequestAuthenticator requests;
    private final IdentityProvider identityProvider;

    public AuthModule(Foundation foundation) {
        this.config = foundation.config().auth();
        JdbiFactory.precomputeSqlObjects(foundation.jdbi(), List.of(ClientDao.class));
        ClientStates states = new ClientStates(foundation.jdbi(), foundation.clock(),
                Duration.ofSeconds(config.clientCacheSeconds()));
        ClientKeys keys = new ClientKeys(config.bcryptCost());
        this.clients = new ClientService(foundation.jdbi(), keys, states, foundation.mapper(), foundation.clock());
        ClientAuthenticator authenticator = new ClientAuthenticator(foundation.jdbi(), keys,
                new LoginThrottle(foundation.clock()), foundation.mapper());
        SigningKeys signingKeys = SigningKeys.from(config);
        TokenIssuer issuer = new TokenIssuer(signingKeys, config.issuer(), config.audience(), config.ttlSeconds(),
                foundation.clock());
        this.identityProvider = new IdentityProvider(foundation);
        TokenVerifier verifier = new TokenVerifier(signingKeys, config, states, identityProvider.keys());
        this.requests = new RequestAuthenticator(verifier);
        this.resources = List.of(new BearerAuthFilter(verifier),
                new TokenResource(authenticator, issuer), new ClientAdminResource(clients),
                identityProvider.resource(issuer));
    }

    /** Creates the configured bootstrap admin client when it does not exist yet. */
    @Override
    public void start() {
        config.bootstrapAdmin().ifPresent(clients::ensureBootstrapAdmin);
    }

    /** The bearer check of {@code /secured}, for plain servlets that Jersey's filter does not guard. */
    public RequestAuthenticator requests() {
        return requests;
    }

    /** The origins besides its own that the console's pages call (the identity provider's, for sign-in). */
    public Supplier<List<String>> consoleConnectOrigins() {
        return identityProvider::consoleConnectOrigins;
    }

    @Override
    public List<Object> resources() {
        return resources;
    }
}
