package org.callbackgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.callbackgateway.config.ConfigSource;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.Http;
import org.callbackgateway.web.GatewayApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The authorization-code flow end to end: a browser signs in at a real OAuth 2.0 server and lands on the gateway's
 * callback; a service completes the flow through the API; tokens are stored encrypted, usable and refreshed.
 * Every log line of the run is captured and checked for the secrets the flow handled.
 */
class OAuthFlowIT {
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    /** Every secret value the tests saw: none may appear in a log line. */
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private static OAuthFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        LOGS.start();
        root().addAppender(LOGS);
        fixture = OAuthFixture.start("oauth_flow");
        SECRETS.add(OAuthFixture.AGAVE_SECRET);
        SECRETS.add(OAuthFixture.STUB_SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        root().detachAppender(LOGS);
        fixture.close();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Remembers the state, code and verifier of a provider redirect as secrets. */
    private static Map<String, String> remember(URI providerRedirect) {
        Map<String, String> query = OAuthFixture.query(providerRedirect);
        SECRETS.add(query.get("code"));
        SECRETS.add(query.get("state"));
        fixture.database.jdbi().useHandle(handle -> handle.createQuery(
                        "SELECT code_verifier FROM authorization_requests WHERE id = CAST(:id AS uuid)")
                .bind("id", query.get("state")).mapTo(String.class).findOne().ifPresent(SECRETS::add));
        return query;
    }

    @Test
    void aBrowserAuthorizesAtTheProviderAndReturnsToTheUiWithItsStateInfo() {
        ApiClient user = fixture.user("browser-user");
        URI authorize = fixture.authorizationUrl(user, "agave", "type=agave&window=apps-1");
        assertThat(OAuthFixture.query(authorize)).containsEntry("response_type", "code")
                .containsEntry("client_id", "de-agave")
                .containsEntry("redirect_uri", fixture.gateway.uri("/oauth/callback/agave").toString())
                .containsEntry("scope", "openid")
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "code_challenge");

        URI backAtTheGateway = fixture.signIn(authorize, "browser-user");
        assertThat(backAtTheGateway.toString()).startsWith(fixture.gateway.uri("/oauth/callback/agave?").toString());
        remember(backAtTheGateway);
        HttpResponse<String> landing = Http.get(backAtTheGateway);

        assertThat(landing.statusCode()).isEqualTo(303);
        assertThat(landing.headers().firstValue("Location")).contains(OAuthFixture.UI_URL + "?type=agave&window=apps-1");
        assertThat(landing.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(landing.headers().firstValue("Cache-Control")).contains("no-store");

        String accessToken = fixture.decryptAccessToken("agave", "browser-user");
        SECRETS.add(accessToken);
        TokenRow row = fixture.row("agave", "browser-user").orElseThrow();
        assertThat(row.keyId()).isEqualTo("test-1");
        assertThat(new String(row.accessToken(), StandardCharsets.ISO_8859_1)).doesNotContain(accessToken);
        assertThat(row.refreshToken()).isNotNull();
        HttpResponse<String> userInfo = fixture.userInfo(accessToken);
        assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
        assertThat(Http.json(userInfo).get("sub").asText()).isEqualTo("browser-user");
    }

    @Test
    void aServiceCompletesTheFlowThroughTheAccessCodeEndpoint() {
        ApiClient user = fixture.user("service-side-user");
        URI authorize = fixture.authorizationUrl(user, "agave", "window=analyses");
        Map<String, String> redirect = remember(fixture.signIn(authorize, "service-side-user"));

        HttpResponse<String> response = user.get("/secured/oauth/access-code/agave?code="
                + redirect.get("code") + "&state=" + redirect.get("state"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"success\",\"state_info\":\"window=analyses\"}");
        SECRETS.add(fixture.decryptAccessToken("agave", "service-side-user"));
        assertThat(fixture.userInfo(fixture.decryptAccessToken("agave", "service-side-user")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void clientSecretPostSendsTheCredentialsInTheFormWithThePkceVerifier() {
        ApiClient user = fixture.user("post-user");
        URI authorize = fixture.authorizationUrl(user, "stubbed", "");
        Map<String, String> query = OAuthFixture.query(authorize);
        fixture.stub.reset();

        HttpResponse<String> response = user.get("/secured/oauth/access-code/stubbed?code=stub-code-1&state="
                + query.get("state"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        StubTokenEndpoint.Received request = fixture.stub.received().get(0);
        assertThat(request.authorization()).isNull();
        assertThat(request.form()).containsEntry("grant_type", "authorization_code")
                .containsEntry("code", "stub-code-1")
                .containsEntry("redirect_uri", fixture.gateway.uri("/oauth/callback/stubbed").toString())
                .containsEntry("client_id", "de-stubbed")
                .containsEntry("client_secret", OAuthFixture.STUB_SECRET);
        assertThat(Pkce.challenge(request.form().get("code_verifier"))).isEqualTo(query.get("code_challenge"));
        SECRETS.add(request.form().get("code_verifier"));
        SECRETS.add(fixture.decryptAccessToken("stubbed", "post-user"));
    }

    @Test
    void tapisNestedTokenAnswersAreStored() {
        ApiClient user = fixture.user("tapis-user");
        String state = OAuthFixture.query(fixture.authorizationUrl(user, "tapis", "")).get("state");
        fixture.stub.reset();
        fixture.stub.tapisStyle(true);
        try {
            HttpResponse<String> response = user.get("/secured/oauth/access-code/tapis?code=c&state=" + state);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(fixture.stub.received().get(0).authorization())
                    .isEqualTo(OAuthFixture.basic("de-tapis", OAuthFixture.STUB_SECRET));
            String token = fixture.decryptAccessToken("tapis", "tapis-user");
            SECRETS.add(token);
            assertThat(token).startsWith("stub-at-");
            JsonNode info = Http.json(user.get("/secured/oauth/token-info/tapis"));
            assertThat(info.get("refreshable").asBoolean()).isTrue();
        } finally {
            fixture.stub.reset();
        }
    }

    @Test
    void tokenInfoShowsTheTokenRecordButNeverTheTokenAndDeleteForgetsIt() {
        ApiClient user = fixture.user("info-user");
        Map<String, String> redirect = remember(fixture.signIn(fixture.authorizationUrl(user, "agave", ""), "info-user"));
        user.get("/secured/oauth/access-code/agave?code=" + redirect.get("code") + "&state=" + redirect.get("state"));
        String token = fixture.decryptAccessToken("agave", "info-user");
        SECRETS.add(token);

        HttpResponse<String> info = user.get("/secured/oauth/token-info/agave");
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(info);
        assertThat(body.get("api_name").asText()).isEqualTo("agave");
        assertThat(body.get("username").asText()).isEqualTo("info-user");
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("scope").asText()).isEqualTo("openid");
        assertThat(Instant.parse(body.get("expires_at").asText())).isAfter(Instant.now());
        assertThat(info.body()).doesNotContain(token);

        HttpResponse<String> asAdmin = fixture.admin().get("/admin/oauth/token-info/agave?proxy-user=info-user");
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(Http.json(asAdmin).get("username").asText()).isEqualTo("info-user");

        assertThat(user.delete("/secured/oauth/token-info/agave").body()).isEqualTo("{\"success\":true}");
        HttpResponse<String> gone = user.get("/secured/oauth/token-info/agave");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Http.json(gone).get("message").asText()).isEqualTo("no agave token for user info-user");
        assertThat(fixture.row("agave", "info-user")).isEmpty();
    }

    @Test
    void anAdminDeletesAUsersToken() {
        ApiClient user = fixture.user("admin-deleted-user");
        String state = OAuthFixture.query(fixture.authorizationUrl(user, "stubbed", "")).get("state");
        assertThat(user.get("/secured/oauth/access-code/stubbed?code=c&state=" + state).statusCode()).isEqualTo(200);

        HttpResponse<String> deleted = fixture.admin().delete("/admin/oauth/token-info/stubbed?proxy-user=admin-deleted-user");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(fixture.row("stubbed", "admin-deleted-user")).isEmpty();
        assertThat(user.get("/admin/oauth/token-info/stubbed?proxy-user=admin-deleted-user").statusCode()).isEqualTo(403);
        assertThat(fixture.admin().get("/admin/oauth/token-info/stubbed").statusCode()).isEqualTo(400);
    }

    @Test
    void redirectUrisListsTheApisWithoutAUsableToken() {
        ApiClient user = fixture.user("redirects-user");
        JsonNode before = Http.json(user.get("/secured/oauth/redirect-uris?state_info=home"));
        assertThat(before.fieldNames()).toIterable().containsExactly("agave", "stubbed", "tapis");
        assertThat(before.get("agave").asText()).startsWith(fixture.provider.authorizationEndpointUrl("agave").toString());

        Map<String, String> redirect = remember(fixture.signIn(URI.create(before.get("agave").asText()), "redirects-user"));
        HttpResponse<String> done = user.get("/secured/oauth/access-code/agave?code=" + redirect.get("code")
                + "&state=" + redirect.get("state"));
        assertThat(Http.json(done).get("state_info").asText()).isEqualTo("home");
        SECRETS.add(fixture.decryptAccessToken("agave", "redirects-user"));

        JsonNode after = Http.json(user.get("/secured/oauth/redirect-uris"));
        assertThat(after.fieldNames()).toIterable().containsExactly("stubbed", "tapis");
    }

    @Test
    void theTokenServiceRefreshesAtTheRealProviderBeforeExpiry() throws Exception {
        ApiClient user = fixture.user("refresh-user");
        Map<String, String> redirect = remember(fixture.signIn(fixture.authorizationUrl(user, "agave", ""), "refresh-user"));
        user.get("/secured/oauth/access-code/agave?code=" + redirect.get("code") + "&state=" + redirect.get("state"));
        String first = fixture.decryptAccessToken("agave", "refresh-user");
        SECRETS.add(first);
        // Within the five-minute margin: the next use must refresh.
        fixture.database.jdbi().useHandle(handle -> handle.execute(
                "UPDATE access_tokens SET expires_at = now() + interval '1 minute' WHERE username = 'refresh-user'"));

        // The service the HPC feature calls, from an application wired like the deployed one, on the same database.
        try (GatewayApplication application = GatewayApplication.start(
                GatewayConfig.load(ConfigSource.of(fixture.settings)), Clock.systemUTC())) {
            AccessToken renewed = application.oauth().tokens().validAccessToken("agave", "refresh-user");
            SECRETS.add(renewed.value());

            assertThat(renewed.value()).isNotEqualTo(first);
            assertThat(renewed.expiresAt()).isAfter(Instant.now().plusSeconds(600));
            assertThat(fixture.decryptAccessToken("agave", "refresh-user")).isEqualTo(renewed.value());
            assertThat(fixture.userInfo(renewed.value()).statusCode()).isEqualTo(200);
            assertThat(application.oauth().tokens().validAccessToken("agave", "refresh-user").value())
                    .isEqualTo(renewed.value());
        }
    }

    @Test
    void noTokenCodeVerifierStateOrSecretIsLogged() {
        // This test's own flows, so that the check has something to check whatever order the tests run in.
        aBrowserAuthorizesAtTheProviderAndReturnsToTheUiWithItsStateInfo2();

        List<ILoggingEvent> events = List.copyOf(LOGS.list).stream()
                // The OAuth server's own logs are the provider's, not the gateway's.
                .filter(event -> !event.getLoggerName().startsWith("no.nav.") && !event.getLoggerName().startsWith("okhttp3"))
                .toList();
        assertThat(events).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(message -> assertThat(message).startsWith("stored the agave token of user"));
        assertThat(SECRETS).hasSizeGreaterThan(6);
        for (ILoggingEvent event : events) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String secret : SECRETS) {
                assertThat(text).as("log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }

    private void aBrowserAuthorizesAtTheProviderAndReturnsToTheUiWithItsStateInfo2() {
        ApiClient user = fixture.user("logged-user");
        URI backAtTheGateway = fixture.signIn(fixture.authorizationUrl(user, "agave", "x=1"), "logged-user");
        remember(backAtTheGateway);
        assertThat(Http.get(backAtTheGateway).statusCode()).isEqualTo(303);
        SECRETS.add(fixture.decryptAccessToken("agave", "logged-user"));
        String state = OAuthFixture.query(fixture.authorizationUrl(user, "stubbed", "")).get("state");
        SECRETS.add(state);
        fixture.stub.force(400, "{\"error\":\"invalid_grant\"}");
        try {
            assertThat(user.get("/secured/oauth/access-code/stubbed?code=logged-code-1&state=" + state).statusCode())
                    .isEqualTo(502);
            SECRETS.add("logged-code-1");
        } finally {
            fixture.stub.reset();
        }
    }
}
