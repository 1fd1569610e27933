package org.callbackgateway.oauth;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.callbackgateway.web.ApiException;

/**
 * {@code /admin/oauth/token-info/{api}?proxy-user=NAME}: an admin reads or removes any user's token record.
 */
@Path("/admin/oauth/token-info/{api}")
@Produces(MediaType.APPLICATION_JSON)
public final class OAuthAdminResource {
    private final OAuthApis apis;
    private final TokenStore tokens;

    public OAuthAdminResource(OAuthApis apis, TokenStore tokens) {
        this.apis = apis;
        this.tokens = tokens;
    }

    @GET
    public TokenInfo tokenInfo(@PathParam("api") String api, @QueryParam("proxy-user") String proxyUser) {
        return OAuthResource.tokenInfo(apis, tokens, api, user(proxyUser));
    }

    @DELETE
    public Map<String, Object> deleteToken(@PathParam("api") String api, @QueryParam("proxy-user") String proxyUser) {
        return OAuthResource.deleteToken(apis, tokens, api, user(proxyUser));
    }

    private static String user(String proxyUser) {
        if (proxyUser == null || proxyUser.isBlank()) {
            throw ApiException.badRequest("the proxy-user query parameter is required");
        }
        if (proxyUser.length() > 256) {
            throw ApiException.badRequest("proxy-user must be at most 256 characters");
        }
        return proxyUser;
    }
}
