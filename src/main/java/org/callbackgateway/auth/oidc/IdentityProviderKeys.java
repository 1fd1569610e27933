package org.callbackgateway.auth.oidc;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;
import org.callbackgateway.config.IdentityProviderConfig;

/**
 * The identity provider's signing keys: its JWKS (the configured URL, else the discovery document's
 * {@code jwks_uri}), cached for the key cache time. That time bounds how long a key the provider withdrew is still
 * trusted; a token naming a key id not in the cache makes an early refetch (at most one every 30 seconds), so a
 * provider's new key is picked up at once. A provider that cannot be reached is an empty key set: its tokens are
 * refused, nothing is trusted beyond the bound.
 */
public final class IdentityProviderKeys implements JWKSource<SecurityContext> {
    private final IdentityProviderConfig config;
    private final ProviderMetadata metadata;
    private JWKSource<SecurityContext> source;

    public IdentityProviderKeys(IdentityProviderConfig config, ProviderMetadata metadata) {
        this.config = config;
        this.metadata = metadata;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSource<SecurityContext> keys = source();
        return keys == null ? List.of() : keys.get(selector, context);
    }

    private synchronized JWKSource<SecurityContext> source() throws KeySourceException {
        if (source == null) {
            URI url = config.jwksUrl().or(() -> metadata.endpoints().map(ProviderMetadata.Endpoints::jwksUri))
                    .orElse(null);
            if (url == null) {
                return null;
            }
            long ttlMillis = config.keyCacheSeconds() * 1000L;
            try {
                source = JWKSourceBuilder.<SecurityContext>create(url.toURL())
                        .cache(ttlMillis, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                        .refreshAheadCache(false)
                        .rateLimited(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL)
                        .retrying(true)
                        .outageTolerant(false)
                        .build();
            } catch (MalformedURLException e) {
                throw new KeySourceException("bad JWKS URL " + url, e);
            }
        }
        return source;
    }
}
