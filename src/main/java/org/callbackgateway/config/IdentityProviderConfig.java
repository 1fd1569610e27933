package org.callbackgateway.config;

import java.net.URI;
import java.util.Optional;

/**
 * The site's OpenID Connect identity provider: whose access tokens the API accepts ({@code accessTokenAudience})
 * and through which operators sign in to the console ({@code consoleClientId}, authorization code with PKCE).
 *
 * @param issuer the provider's issuer identifier, exactly as in its tokens' {@code iss}; its discovery document is
 *     {@code <issuer>/.well-known/openid-configuration}
 * @param jwksUrl the provider's key set; when absent, the {@code jwks_uri} of its discovery document
 * @param accessTokenAudience the {@code aud} of provider access tokens the API accepts as bearer tokens
 * @param consoleClientId the console's public client id at the provider; also the {@code aud} of its ID tokens
 * @param scopes the scopes the console asks for
 * @param usernameClaim the claim that names the user (the subject when the token lacks it)
 * @param rolesClaim the claim (a string or a list of strings) that holds the user's groups or roles
 * @param adminGroup the value of {@code rolesClaim} that makes a console user an admin; without it none is
 * @param keyCacheSeconds how long the provider's keys and discovery document are reused before they are fetched
 *     again, so how long a key the provider withdrew can still be trusted
 */
public record IdentityProviderConfig(
        String issuer,
        Optional<URI> jwksUrl,
        Optional<String> accessTokenAudience,
        Optional<String> consoleClientId,
        String scopes,
        String usernameClaim,
        String rolesClaim,
        Optional<String> adminGroup,
        int keyCacheSeconds) {

    public static final String ISSUER = "GATEWAY_OIDC_ISSUER";
    public static final String JWKS_URL = "GATEWAY_OIDC_JWKS_URL";
    public static final String AUDIENCE = "GATEWAY_OIDC_AUDIENCE";
    public static final String CLIENT_ID = "GATEWAY_OIDC_CLIENT_ID";
    public static final String SCOPES = "GATEWAY_OIDC_SCOPES";
    public static final String USERNAME_CLAIM = "GATEWAY_OIDC_USERNAME_CLAIM";
    public static final String ROLES_CLAIM = "GATEWAY_OIDC_ROLES_CLAIM";
    public static final String ADMIN_GROUP = "GATEWAY_OIDC_ADMIN_GROUP";
    public static final String KEY_CACHE_SECONDS = "GATEWAY_OIDC_KEY_CACHE_SECONDS";

    /** The discovery document's address (OpenID Connect Discovery 1.0, section 4). */
    public URI discoveryUrl() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + "/.well-known/openid-configuration");
    }

    static Optional<IdentityProviderConfig> load(Settings settings) {
        Optional<URI> issuer = settings.httpUrl(ISSUER);
        Optional<URI> jwks = settings.httpUrl(JWKS_URL);
        Optional<String> audience = settings.string(AUDIENCE);
        Optional<String> clientId = settings.string(CLIENT_ID);
        Optional<String> adminGroup = settings.string(ADMIN_GROUP);
        if (issuer.isEmpty()) {
            if (jwks.isPresent() || audience.isPresent() || clientId.isPresent() || adminGroup.isPresent()) {
                throw new ConfigException(ISSUER, "not set, but other identity provider settings are");
            }
            return Optional.empty();
        }
        if (audience.isEmpty() && clientId.isEmpty()) {
            throw new ConfigException(CLIENT_ID, "not set: give it (console sign-in), " + AUDIENCE
                    + " (the provider's access tokens as bearer tokens) or both");
        }
        String scopes = settings.string(SCOPES, "openid profile");
        if (!(" " + scopes + " ").contains(" openid ")) {
            throw new ConfigException(SCOPES, "must include openid, got '" + scopes + "'");
        }
        return Optional.of(new IdentityProviderConfig(settings.string(ISSUER).orElseThrow(), jwks, audience, clientId,
                scopes, settings.string(USERNAME_CLAIM, "preferred_username"), settings.string(ROLES_CLAIM, "groups"),
                adminGroup, settings.integer(KEY_CACHE_SECONDS, 300, 60, 86_400)));
    }
}
