package org.callbackgateway.oauth;

import java.util.Collection;
import java.util.Optional;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.config.OAuthConfig;
import org.callbackgateway.web.ApiException;

/**
 * The configured OAuth APIs, looked up by the name a request gives.
 */
public final class OAuthApis {
    private final OAuthConfig config;

    public OAuthApis(OAuthConfig config) {
        this.config = config;
    }

    public Optional<OAuthApiConfig> find(String name) {
        return config.api(name);
    }

    /** The API of that name; 404 when none is configured. */
    public OAuthApiConfig require(String name) {
        return find(name).orElseThrow(() -> ApiException.notFound(name != null && name.matches("^[A-Za-z0-9_-]{1,64}$")
                ? "API " + name + " is not configured" : "unknown API"));
    }

    public Collection<OAuthApiConfig> all() {
        return config.apis().values();
    }
}
