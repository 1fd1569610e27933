package org.callbackgateway.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.auth.ActingPrincipal;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.web.ApiException;

/**
 * {@code /secured/oauth}: start authorizations, complete them with a code, and read or forget the acting user's
 * tokens (never the tokens themselves).
 */
@Path("/secured/oauth")
@Produces(MediaType.APPLICATION_JSON)
public final class OAuthResource {
    private final OAuthApis apis;
    private final AuthorizationRequestService authorizationRequests;
    private final CodeExchangeService codeExchange;
    private final OAuthTokenService tokenService;
    private final TokenStore tokens;

    public OAuthResource(OAuthApis apis, AuthorizationRequestService authorizationRequests,
                         CodeExchangeService codeExchange, OAuthTokenService tokenService, TokenStore tokens) {
        this.apis = apis;
        this.authorizationRequests = authorizationRequests;
        this.codeExchange = codeExchange;
        this.tokenService = tokenService;
        this.tokens = tokens;
    }

    /** The body of {@code POST /secured/oauth/authorization-requests/{api}}. */
    public record AuthorizationRequestBody(@JsonProperty("state_info") String stateInfo) {
    }

    /** The answer of {@code GET /secured/oauth/access-code/{api}}, as the DE documents it. */
    @JsonPropertyOrder({"status", "state_info"})
    public record AccessCodeResult(@JsonProperty("status") String status, @JsonProperty("state_info") String stateInfo) {
    }

    /** Steps 2-3 for one API: stores a state and answers the provider's authorization URL. */
    @POST
    @Path("authorization-requests/{api}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AuthorizationStart authorize(@PathParam("api") String api, AuthorizationRequestBody body,
                                        @Context SecurityContext security) {
        OAuthApiConfig config = apis.require(api);
        return authorizationRequests.start(config, ActingPrincipal.of(security).actingUser(),
                body == null ? "" : body.stateInfo());
    }

    /** Steps 2-3 for every API where the user has no usable token: API name to authorization URL. */
    @GET
    @Path("redirect-uris")
    public Map<String, String> redirectUris(@QueryParam("state_info") String stateInfo,
                                            @Context SecurityContext security) {
        String user = ActingPrincipal.of(security).actingUser();
        Map<String, String> urls = new LinkedHashMap<>();
        for (OAuthApiConfig api : apis.all()) {
            if (!tokenService.hasUsableToken(api.name(), user)) {
                urls.put(api.name(), authorizationRequests.start(api, user, stateInfo).authorizationUrl().toString());
            }
        }
        return urls;
    }

    /** Steps 7-9: the caller completes its own authorization request with the provider's code. */
    @GET
    @Path("access-code/{api}")
    public AccessCodeResult accessCode(@PathParam("api") String api, @QueryParam("code") String code,
                                       @QueryParam("state") String state, @Context SecurityContext security) {
        OAuthApiConfig config = apis.require(api);
        if (code == null || code.isBlank()) {
            throw ApiException.badRequest("the code query parameter is required");
        }
        if (state == null || state.isBlank()) {
            throw ApiException.badRequest("the state query parameter is required");
        }
        String stateInfo = codeExchange.complete(config, state, code,
                Optional.of(ActingPrincipal.of(security).actingUser()));
        return new AccessCodeResult("success", stateInfo);
    }

    @GET
    @Path("token-info/{api}")
    public TokenInfo tokenInfo(@PathParam("api") String api, @Context SecurityContext security) {
        return tokenInfo(apis, tokens, api, ActingPrincipal.of(security).actingUser());
    }

    @DELETE
    @Path("token-info/{api}")
    public Map<String, Object> deleteToken(@PathParam("api") String api, @Context SecurityContext security) {
        return deleteToken(apis, tokens, api, ActingPrincipal.of(security).actingUser());
    }

    static TokenInfo tokenInfo(OAuthApis apis, TokenStore tokens, String api, String user) {
        OAuthApiConfig config = apis.require(api);
        return tokens.info(config.name(), user)
                .orElseThrow(() -> ApiException.notFound("no " + config.name() + " token for user " + user));
    }

    /** Idempotent: answers the same whether there was a token or not. */
    static Map<String, Object> deleteToken(OAuthApis apis, TokenStore tokens, String api, String user) {
        tokens.delete(apis.require(api).name(), user);
        return Map.of("success", true);
    }
}
