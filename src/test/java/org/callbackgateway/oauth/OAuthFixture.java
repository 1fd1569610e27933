package org.callbackgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.callbackgateway.config.EncryptionConfig;
import org.callbackgateway.config.Secret;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;

/**
 * A gateway with three OAuth APIs: {@code agave} at a real OAuth 2.0 server (mock-oauth2-server, interactive login,
 * PKCE checked, HTTP Basic client authentication), and {@code stubbed} ({@code client_secret_post}) and {@code tapis}
 * (Tapis token answers) at a strict stub token endpoint; all on 127.0.0.1.
 */
final class OAuthFixture implements AutoCloseable {
    static final String UI_URL = "https://de.example.org/de/";
    static final String AGAVE_SECRET = "agave-client-secret-" + UUID.randomUUID();
    static final String STUB_SECRET = "stub-client-secret-" + UUID.randomUUID();

    final MockOAuth2Server provider;
    final StubTokenEndpoint stub;
    final TestDatabase database;
    final GatewayServer gateway;
    final Map<String, String> settings;
    private final ApiClient admin;

    private OAuthFixture(MockOAuth2Server provider, StubTokenEndpoint stub, TestDatabase database,
                         GatewayServer gateway, Map<String, String> settings) {
        this.provider = provider;
        this.stub = stub;
        this.database = database;
        this.gateway = gateway;
        this.settings = settings;
        this.admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
    }

    static OAuthFixture start(String databasePrefix) throws Exception {
        MockOAuth2Server provider = new MockOAuth2Server(new OAuth2Config(true));
        provider.start(InetAddress.getLoopbackAddress(), 0);
        StubTokenEndpoint stub = new StubTokenEndpoint();
        TestDatabase database = TestDatabase.empty(databasePrefix);
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        Map<String, String> settings = TestSettings.gatewayWithAdmin(database.url(),
                "GATEWAY_OAUTH_APIS", "agave,stubbed,tapis",
                "GATEWAY_OAUTH_AGAVE_AUTHORIZE_URL", provider.authorizationEndpointUrl("agave").toString(),
                "GATEWAY_OAUTH_AGAVE_TOKEN_URL", provider.tokenEndpointUrl("agave").toString(),
                "GATEWAY_OAUTH_AGAVE_CLIENT_ID", "de-agave",
                "GATEWAY_OAUTH_AGAVE_CLIENT_SECRET", AGAVE_SECRET,
                "GATEWAY_OAUTH_AGAVE_REDIRECT_URI", base + "/oauth/callback/agave",
                "GATEWAY_OAUTH_AGAVE_SCOPES", "openid",
                "GATEWAY_OAUTH_AGAVE_UI_URL", UI_URL,
                "GATEWAY_OAUTH_STUBBED_AUTHORIZE_URL", provider.authorizationEndpointUrl("stubbed").toString(),
                "GATEWAY_OAUTH_STUBBED_TOKEN_URL", stub.uri().toString(),
                "GATEWAY_OAUTH_STUBBED_CLIENT_ID", "de-stubbed",
                "GATEWAY_OAUTH_STUBBED_CLIENT_SECRET", STUB_SECRET,
                "GATEWAY_OAUTH_STUBBED_CLIENT_AUTH", "client_secret_post",
                "GATEWAY_OAUTH_STUBBED_REDIRECT_URI", base + "/oauth/callback/stubbed",
                "GATEWAY_OAUTH_STUBBED_UI_URL", UI_URL,
                "GATEWAY_OAUTH_TAPIS_AUTHORIZE_URL", provider.authorizationEndpointUrl("tapis").toString(),
                "GATEWAY_OAUTH_TAPIS_TOKEN_URL", stub.uri().toString(),
                "GATEWAY_OAUTH_TAPIS_CLIENT_ID", "de-tapis",
                "GATEWAY_OAUTH_TAPIS_CLIENT_SECRET", STUB_SECRET,
                "GATEWAY_OAUTH_TAPIS_TOKEN_STYLE", "tapis",
                "GATEWAY_OAUTH_TAPIS_REDIRECT_URI", base + "/oauth/callback/tapis",
                "GATEWAY_OAUTH_TAPIS_UI_URL", UI_URL);
        GatewayServer gateway = GatewayServer.start("127.0.0.1", port, settings);
        return new OAuthFixture(provider, stub, database, gateway, settings);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A gateway client of role {@code user} named {@code name}, with its token. */
    ApiClient user(String name) {
        HttpResponse<String> created = admin.post("/admin/clients",
                "{\"client_id\":\"" + name + "\",\"role\":\"user\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.as(gateway.baseUri(), name, Http.json(created).get("client_key").asText());
    }

    ApiClient admin() {
        return admin;
    }

    /** Steps 1-3: the authorization URL the gateway hands {@code user} for {@code api}. */
    URI authorizationUrl(ApiClient user, String api, String stateInfo) {
        HttpResponse<String> response = user.post("/secured/oauth/authorization-requests/" + api,
                "{\"state_info\":\"" + stateInfo + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return URI.create(Http.json(response).get("authorization_url").asText());
    }

    /**
     * Step 4 as a browser does it: opens the provider's login page, fills in its form as {@code username} and
     * submits it; returns the provider's redirect back to the gateway (step 5), not yet followed.
     */
    URI signIn(URI authorizationUrl, String username) {
        HttpResponse<String> page = Http.get(authorizationUrl);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\">").contains("name=\"username\"");
        // The form has no action: it is posted back to the page's own URL.
        HttpResponse<String> submitted = Http.post(authorizationUrl, "application/x-www-form-urlencoded",
                ("username=" + username).getBytes(StandardCharsets.UTF_8));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        return URI.create(submitted.headers().firstValue("Location").orElseThrow());
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    /** The raw row of (api, user), as the database holds it. */
    Optional<TokenRow> row(String api, String user) {
        return database.jdbi().withExtension(AccessTokenDao.class, dao -> dao.find(api, user));
    }

    /** Decrypts a stored access token with the test key, as only the gateway should be able to. */
    String decryptAccessToken(String api, String user) {
        TokenRow row = row(api, user).orElseThrow();
        String keys = TestSettings.ENCRYPTION_KEYS;
        SecretBox box = new SecretBox(new EncryptionConfig(
                Map.of(keys.substring(0, keys.indexOf(':')), Secret.of(keys.substring(keys.indexOf(':') + 1))),
                keys.substring(0, keys.indexOf(':'))));
        return box.open(new SecretBox.Sealed(row.keyId(), row.accessToken()), SecretBox.context("access_token", api, user));
    }

    /** The provider's userinfo endpoint with {@code accessToken}: the token is usable at the API. */
    HttpResponse<String> userInfo(String accessToken) {
        return Http.send(HttpRequest.newBuilder(URI.create(provider.userInfoUrl("agave").toString()))
                .header("Authorization", "Bearer " + accessToken).GET());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        database.close();
        stub.close();
        provider.shutdown();
    }
}
