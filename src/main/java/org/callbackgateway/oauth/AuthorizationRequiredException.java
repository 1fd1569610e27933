package org.callbackgateway.oauth;

import java.net.URI;

/**
 * The user has no usable token for an API (none stored, or the provider refused to refresh it) and must authorize
 * the gateway again at {@link #authorizationUrl()}. Answered 401 by {@link AuthorizationRequiredExceptionMapper}.
 */
public final class AuthorizationRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String apiName;
    private final String username;
    private final URI authorizationUrl;

    public AuthorizationRequiredException(String apiName, String username, URI authorizationUrl) {
        super("authorization for " + apiName + " is required");
        this.apiName = apiName;
        this.username = username;
        this.authorizationUrl = authorizationUrl;
    }

    public String apiName() {
        return apiName;
    }

    public String username() {
        return username;
    }

    /** A fresh authorization request's URL at the provider, valid for the configured state lifetime. */
    public URI authorizationUrl() {
        return authorizationUrl;
    }
}
