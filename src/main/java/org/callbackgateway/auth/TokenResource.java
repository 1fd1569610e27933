package org.callbackgateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbackgateway.web.CappedBody;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;

/**
 * The client-token endpoints: a client trades its id and key for a short-lived JWT.
 */
@Path("/v1")
public final class TokenResource {
    private static final int MAX_FORM_BYTES = 8192;

    private final ClientAuthenticator clients;
    private final TokenIssuer issuer;

    public TokenResource(ClientAuthenticator clients, TokenIssuer issuer) {
        this.clients = clients;
        this.issuer = issuer;
    }

    /** The RFC 6749 token answer. */
    public record TokenAnswer(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") int expiresIn) {
    }

    /** The reference endpoint: the id in the path, the key in the {@code client-key} header, the JWT as text. */
    @GET
    @Path("authenticate/token/{clientId}")
    public Response tokenForClientKey(@PathParam("clientId") String clientId, @HeaderParam("client-key") String key) {
        if (key == null || key.isEmpty()) {
            throw ClientAuthenticator.invalidCredentials();
        }
        TokenIssuer.IssuedToken token = issuer.issue(clients.authenticate(clientId, key));
        return Response.ok(token.token(), MediaType.TEXT_PLAIN_TYPE).cacheControl(noStore()).build();
    }

    /** RFC 6749 client credentials grant, the client authenticated with HTTP Basic. */
    @POST
    @Path("oauth2/token")
    public Response clientCredentials(InputStream body, @Context HttpHeaders headers) {
        String[] credentials = basicCredentials(headers.getRequestHeader(HttpHeaders.AUTHORIZATION));
        Map<String, List<String>> form = parseForm(CappedBody.read(body, headers.getLength(), MAX_FORM_BYTES));
        List<String> grantType = form.getOrDefault("grant_type", List.of());
        if (grantType.size() != 1 || !grantType.get(0).equals("client_credentials")) {
            throw ApiException.badRequest("grant_type must be client_credentials");
        }
        TokenIssuer.IssuedToken token = issuer.issue(clients.authenticate(credentials[0], credentials[1]));
        return Response.ok(new TokenAnswer(token.token(), "Bearer", token.expiresIn()), MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore())
                .header("Pragma", "no-cache")
                .build();
    }

    private static String[] basicCredentials(List<String> authorization) {
        if (authorization == null || authorization.size() != 1
                || !authorization.get(0).regionMatches(true, 0, "Basic ", 0, 6)) {
            throw basicChallenge();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.get(0).substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw basicChallenge();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw basicChallenge();
        }
        // RFC 6749 2.3.1: both parts are form-urlencoded before Basic encoding.
        return new String[] {formDecode(decoded.substring(0, colon)), formDecode(decoded.substring(colon + 1))};
    }

    private static Map<String, List<String>> parseForm(byte[] body) {
        Map<String, List<String>> form = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = formDecode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : formDecode(pair.substring(equals + 1));
            form.computeIfAbsent(name, ignored -> new java.util.ArrayList<>()).add(value);
        }
        return form;
    }

    private static String formDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed form encoding");
        }
    }

    private static ApiException basicChallenge() {
        return new ApiException(401, ErrorCode.ERR_UNAUTHORIZED, "invalid client credentials",
                Map.of("WWW-Authenticate", "Basic realm=\"callback-gateway\""), null);
    }

    private static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        return cacheControl;
    }
}
