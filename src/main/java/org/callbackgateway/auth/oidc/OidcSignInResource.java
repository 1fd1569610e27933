package org.callbackgateway.auth.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.callbackgateway.config.IdentityProviderConfig;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;

/**
 * {@code GET /v1/oidc/config}: whether and how the console signs in through the identity provider (public, so the
 * sign-in page can ask); {@code POST /v1/oidc/token}: the provider's ID token traded for the gateway's token.
 */
@Path("/v1/oidc")
public final class OidcSignInResource {
    private static final String NONCE_KEY_PATTERN = "^[A-Za-z0-9_-]{43,128}$";
    private static final int MAX_TOKEN_LENGTH = 16_384;

    private final Optional<IdentityProviderConfig> config;
    private final Optional<ProviderMetadata> metadata;
    private final Optional<ConsoleSignIn> signIn;

    OidcSignInResource(Optional<IdentityProviderConfig> config, Optional<ProviderMetadata> metadata,
                       Optional<ConsoleSignIn> signIn) {
        this.config = config;
        this.metadata = metadata;
        this.signIn = signIn;
    }

    /** The answer of {@code GET /v1/oidc/config}; {@code identityProvider} is null when sign-in through it is off. */
    public record SignInConfig(@JsonProperty("identity_provider") @JsonInclude(JsonInclude.Include.ALWAYS)
                               Provider identityProvider) {
    }

    /** What the console needs to run the authorization-code flow with PKCE. */
    public record Provider(
            @JsonProperty("issuer") String issuer,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("scopes") String scopes,
            @JsonProperty("authorization_endpoint") String authorizationEndpoint,
            @JsonProperty("token_endpoint") String tokenEndpoint) {
    }

    /** What {@code POST /v1/oidc/token} takes. */
    public record Exchange(@JsonProperty("id_token") String idToken, @JsonProperty("nonce_key") String nonceKey) {
    }

    /** The gateway's token for the signed-in user. */
    public record Answer(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") int expiresIn,
            @JsonProperty("username") String username,
            @JsonProperty("role") String role) {
    }

    @GET
    @Path("config")
    public Response config() {
        if (signIn.isEmpty()) {
            return Response.ok(new SignInConfig(null)).header("Cache-Control", "no-store").build();
        }
        IdentityProviderConfig provider = config.orElseThrow();
        ProviderMetadata.Endpoints endpoints = metadata.orElseThrow().endpoints().orElseThrow(() ->
                ApiException.unavailable("the identity provider cannot be reached", 30, null));
        return Response.ok(new SignInConfig(new Provider(provider.issuer(), provider.consoleClientId().orElseThrow(),
                provider.scopes(), endpoints.authorizationEndpoint().toString(), endpoints.tokenEndpoint().toString())))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response token(Exchange request) {
        ConsoleSignIn service = signIn.orElseThrow(() ->
                ApiException.notFound("sign-in through an identity provider is not configured"));
        if (request == null || request.idToken() == null || request.idToken().isEmpty()
                || request.idToken().length() > MAX_TOKEN_LENGTH) {
            throw ApiException.badRequest("id_token is required (the identity provider's ID token)");
        }
        if (request.nonceKey() == null || !request.nonceKey().matches(NONCE_KEY_PATTERN)) {
            throw ApiException.badRequest("nonce_key must be 43 to 128 base64url characters");
        }
        ConsoleSignIn.SignedIn signedIn;
        try {
            signedIn = service.exchange(request.idToken(), request.nonceKey());
        } catch (ConsoleSignIn.RefusedException e) {
            throw new ApiException(401, ErrorCode.ERR_UNAUTHORIZED, "the ID token is invalid, expired or used");
        }
        return Response.ok(new Answer(signedIn.token().token(), "Bearer", signedIn.token().expiresIn(),
                        signedIn.username(), signedIn.role()))
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
