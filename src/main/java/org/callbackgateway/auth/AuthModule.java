package org.callbackgateway.auth;

import java.util.List;
import org.callbackgateway.config.AuthConfig;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * Who may call: the clients and their keys, the gateway's own tokens (issued and verified), the bearer filter that
 * guards {@code /secured} and {@code /admin}, and the first admin client created at start.
 */
public final class AuthModule implements FeatureModule {
    private final AuthConfig config;
    private final ClientService clients;
    private final List<Object> resources;

    public AuthModule(Foundation foundation) {
        this.config = foundation.config().auth();
        JdbiFactory.precomputeSqlObjects(foundation.jdbi(), List.of(ClientDao.class));
        ClientKeys keys = new ClientKeys(config.bcryptCost());
        this.clients = new ClientService(foundation.jdbi(), keys, foundation.mapper(), foundation.clock());
        ClientAuthenticator authenticator = new ClientAuthenticator(foundation.jdbi(), keys,
                new LoginThrottle(foundation.clock()), foundation.mapper());
        SigningKeys signingKeys = SigningKeys.from(config);
        TokenIssuer issuer = new TokenIssuer(signingKeys, config.issuer(), config.audience(), config.ttlSeconds(),
                foundation.clock());
        this.resources = List.of(new BearerAuthFilter(new TokenVerifier(signingKeys, config)),
                new TokenResource(authenticator, issuer), new ClientAdminResource(clients));
    }

    /** Creates the configured bootstrap admin client when it does not exist yet. */
    @Override
    public void start() {
        config.bootstrapAdmin().ifPresent(clients::ensureBootstrapAdmin);
    }

    @Override
    public List<Object> resources() {
        return resources;
    }
}
