package org.callbackgateway.auth.oidc;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.callbackgateway.auth.TokenIssuer;
import org.callbackgateway.config.IdentityProviderConfig;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.web.Foundation;

/**
 * The site's OpenID Connect identity provider, when one is configured: its discovery document and keys, the
 * console's sign-in through it, and the origins the console's pages must be allowed to call (its token endpoint).
 */
public final class IdentityProvider {
    private final Optional<IdentityProviderConfig> config;
    private final Optional<ProviderMetadata> metadata;
    private final Optional<IdentityProviderKeys> keys;
    private final Foundation foundation;

    public IdentityProvider(Foundation foundation) {
        this.foundation = foundation;
        this.config = foundation.config().auth().identityProvider();
        this.metadata = config.map(provider -> new ProviderMetadata(provider, foundation.mapper(), foundation.clock()));
        this.keys = config.map(provider -> new IdentityProviderKeys(provider, metadata.orElseThrow()));
        if (config.flatMap(IdentityProviderConfig::consoleClientId).isPresent()) {
            JdbiFactory.precomputeSqlObjects(foundation.jdbi(), List.of(SignInDao.class));
        }
    }

    /** The provider's signing keys, shared by every check of its tokens. */
    public Optional<IdentityProviderKeys> keys() {
        return keys;
    }

    /** The sign-in endpoints; they answer that sign-in is off when no console client id is configured. */
    public Object resource(TokenIssuer issuer) {
        Optional<ConsoleSignIn> signIn = config.filter(provider -> provider.consoleClientId().isPresent())
                .map(provider -> new ConsoleSignIn(provider,
                        new IdTokenVerifier(provider.issuer(), provider.consoleClientId().get(), keys.orElseThrow(),
                                foundation.clock()),
                        issuer, foundation.jdbi(), foundation.clock()));
        return new OidcSignInResource(config, metadata, signIn);
    }

    /**
     * The origins the console's scripts call besides the gateway: the provider's token endpoint (and its issuer's
     * origin, where it usually is). Empty when the console does not sign in through a provider.
     */
    public List<String> consoleConnectOrigins() {
        if (config.flatMap(IdentityProviderConfig::consoleClientId).isEmpty()) {
            return List.of();
        }
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin(URI.create(config.get().issuer())));
        // Never waits on the provider. The sign-in page asks GET /v1/oidc/config, which reads the discovery document,
        // before it leaves for the provider, so the page the provider sends the browser back to allows its token
        // endpoint even where that is on another origin than the issuer.
        metadata.flatMap(ProviderMetadata::cached).ifPresent(endpoints -> origins.add(origin(endpoints.tokenEndpoint())));
        return List.copyOf(origins);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
