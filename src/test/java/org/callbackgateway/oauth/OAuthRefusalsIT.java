package org.callbackgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way the authorization-code flow is refused, over HTTP: states that cannot be completed, unknown APIs, the
 * provider's own errors and token endpoints that fail.
 */
class OAuthRefusalsIT {
    private static OAuthFixture fixture;
    private static ApiClient user;
    private static ApiClient other;

    @BeforeAll
    static void start() throws Exception {
        fixture = OAuthFixture.start("oauth_refusals");
        user = fixture.user("snow-dog");
        other = fixture.user("mallory");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @AfterEach
    void resetStub() {
        fixture.stub.reset();
    }

    private static void assertEnvelope(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = Http.json(response);
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asText()).isEqualTo(code);
        if (message != null) {
            assertThat(body.get("message").asText()).isEqualTo(message);
        }
    }

    private static String newState(ApiClient client, String api) {
        return OAuthFixture.query(fixture.authorizationUrl(client, api, "")).get("state");
    }

    @Nested
    class AccessCodeEndpoint {

        @Test
        void aReusedStateIsRefused() {
            Map<String, String> redirect = OAuthFixture.query(
                    fixture.signIn(fixture.authorizationUrl(user, "agave", ""), "snow-dog"));
            String path = "/secured/oauth/access-code/agave?code=" + redirect.get("code") + "&state=" + redirect.get("state");
            assertThat(user.get(path).statusCode()).isEqualTo(200);

            assertEnvelope(user.get(path), 400, "ERR_BAD_REQUEST",
                    "authorization request " + redirect.get("state") + " was already used");
        }

        @Test
        void anotherUsersStateIsRefusedAndStaysUsableForItsOwner() {
            String state = newState(user, "stubbed");

            assertEnvelope(other.get("/secured/oauth/access-code/stubbed?code=c&state=" + state), 400, "ERR_BAD_REQUEST",
                    "wrong user for authorization request " + state);
            assertThat(fixture.stub.received()).isEmpty();
            assertThat(user.get("/secured/oauth/access-code/stubbed?code=c&state=" + state).statusCode()).isEqualTo(200);
        }

        @Test
        void anUnknownStateIsRefused() {
            UUID unknown = UUID.randomUUID();

            assertEnvelope(user.get("/secured/oauth/access-code/agave?code=c&state=" + unknown), 400, "ERR_BAD_REQUEST",
                    "authorization request " + unknown + " not found");
        }

        @Test
        void aStateOfAnotherApiIsRefused() {
            String state = newState(user, "tapis");

            assertEnvelope(user.get("/secured/oauth/access-code/stubbed?code=c&state=" + state), 400, "ERR_BAD_REQUEST",
                    "authorization request " + state + " was made for another API");
        }

        @Test
        void aMalformedStateOrAMissingParameterIsABadRequest() {
            assertEnvelope(user.get("/secured/oauth/access-code/agave?code=c&state=%3Cscript%3E"), 400, "ERR_BAD_REQUEST",
                    "state must be an authorization request id (a UUID)");
            assertEnvelope(user.get("/secured/oauth/access-code/agave?state=" + UUID.randomUUID()), 400,
                    "ERR_BAD_REQUEST", "the code query parameter is required");
            assertEnvelope(user.get("/secured/oauth/access-code/agave?code=c"), 400, "ERR_BAD_REQUEST",
                    "the state query parameter is required");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "400 | {\"error\":\"invalid_grant\",\"error_description\":\"bad code\"} | HTTP 400 invalid_grant",
                "500 | {\"error\":\"server_error\"} | HTTP 500 server_error",
                "200 | <html>not a token</html> | unreadable answer (not JSON)",
                "200 | {\"token_type\":\"Bearer\"} | unreadable answer (no access_token)",
                "302 | '' | HTTP 302"})
        void aFailingTokenEndpointIsABadGatewayNamingTheApi(int status, String body, String reason) {
            String name = "failing-" + UUID.randomUUID().toString().substring(0, 8);
            ApiClient client = fixture.user(name);
            String state = newState(client, "stubbed");
            fixture.stub.force(status, body);
            String code = "code-" + UUID.randomUUID();

            HttpResponse<String> response = client.get("/secured/oauth/access-code/stubbed?code=" + code + "&state=" + state);

            assertEnvelope(response, 502, "ERR_REQUEST_FAILED", "token request to stubbed failed: " + reason);
            assertThat(response.body()).doesNotContain(code).doesNotContain(OAuthFixture.STUB_SECRET);
            assertThat(fixture.row("stubbed", name)).isEmpty();
        }

        @Test
        void anUnreachableTokenEndpointIsABadGateway() throws Exception {
            String state = newState(user, "stubbed");
            fixture.stub.force(request -> {
                throw new IllegalStateException("connection dropped");
            });

            assertEnvelope(user.get("/secured/oauth/access-code/stubbed?code=c&state=" + state), 502,
                    "ERR_REQUEST_FAILED", null);
        }
    }

    @Nested
    class BadRequests {

        @Test
        void everyEndpointAnswersNotFoundForAnUnknownApi() {
            assertEnvelope(user.post("/secured/oauth/authorization-requests/nope", "{\"state_info\":\"\"}"), 404,
                    "ERR_NOT_FOUND", "API nope is not configured");
            assertEnvelope(user.get("/secured/oauth/access-code/nope?code=c&state=" + UUID.randomUUID()), 404,
                    "ERR_NOT_FOUND", "API nope is not configured");
            assertEnvelope(user.get("/secured/oauth/token-info/nope"), 404, "ERR_NOT_FOUND", "API nope is not configured");
            assertEnvelope(fixture.admin().get("/admin/oauth/token-info/nope?proxy-user=snow-dog"), 404, "ERR_NOT_FOUND",
                    null);
            assertEnvelope(Http.get(fixture.gateway.uri("/oauth/callback/nope?code=c&state=s")), 404, "ERR_NOT_FOUND",
                    "unknown API");
            assertEnvelope(Http.get(fixture.gateway.uri("/oauth/callback/")), 404, "ERR_NOT_FOUND", "unknown API");
        }

        @Test
        void anAuthorizationRequestWithoutBodyHasNoStateInfoAndABadBodyIsABadRequest() {
            HttpResponse<String> empty = user.post("/secured/oauth/authorization-requests/stubbed", "");
            assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
            String state = OAuthFixture.query(URI.create(Http.json(empty).get("authorization_url").asText())).get("state");
            assertThat(Http.json(user.get("/secured/oauth/access-code/stubbed?code=c&state=" + state))
                    .get("state_info").asText()).isEmpty();

            assertEnvelope(user.post("/secured/oauth/authorization-requests/stubbed", "{\"state_info\":{}}"), 400,
                    "ERR_BAD_REQUEST", null);
            assertEnvelope(user.post("/secured/oauth/authorization-requests/stubbed",
                    "{\"state_info\":\"" + "x".repeat(4097) + "\"}"), 400, "ERR_BAD_REQUEST",
                    "state_info must be at most 4096 bytes");
        }

        @Test
        void theSecuredEndpointsNeedABearerToken() {
            HttpResponse<String> response = Http.get(fixture.gateway.uri("/secured/oauth/redirect-uris"));

            assertEnvelope(response, 401, "ERR_UNAUTHORIZED", null);
        }
    }

    @Nested
    class BrowserCallback {

        private String location(String query) {
            HttpResponse<String> response = Http.get(fixture.gateway.uri("/oauth/callback/agave" + query));
            assertThat(response.statusCode()).isEqualTo(303);
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            return response.headers().firstValue("Location").orElseThrow();
        }

        @Test
        void theProvidersErrorIsPassedToTheUi() {
            String state = newState(user, "agave");

            assertThat(location("?error=access_denied&error_description=The+user+said+no&error_uri=https%3A%2F%2Fevil"
                    + "&state=" + state))
                    .isEqualTo(OAuthFixture.UI_URL + "?error=access_denied&error_description=The+user+said+no"
                            + "&api_name=agave");
        }

        @Test
        void aMissingCodeOrStateIsNamed() {
            assertThat(location("?state=" + UUID.randomUUID())).isEqualTo(OAuthFixture.UI_URL
                    + "?error=no_auth_code_provided&error_description=no+authorization+code+was+provided&api_name=agave");
            assertThat(location("?code=c")).isEqualTo(OAuthFixture.UI_URL
                    + "?error=no_state_id_provided&error_description=no+state+identifier+was+provided&api_name=agave");
        }

        @Test
        void aFailedExchangeIsAGeneralServiceErrorThatNamesNoState() {
            String state = newState(user, "stubbed");
            fixture.stub.force(500, "{}");

            HttpResponse<String> response = Http.get(fixture.gateway.uri("/oauth/callback/stubbed?code=c&state=" + state));

            assertThat(response.statusCode()).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).contains(OAuthFixture.UI_URL
                    + "?error=general_service_error&error_description=token+request+to+stubbed+failed%3A+HTTP+500"
                    + "&api_name=stubbed");
        }

        @Test
        void aReplayedCallbackIsRefusedWithoutEchoingTheState() {
            URI callback = fixture.signIn(fixture.authorizationUrl(user, "agave", "a=1"), "snow-dog");
            assertThat(Http.get(callback).headers().firstValue("Location")).contains(OAuthFixture.UI_URL + "?a=1");

            HttpResponse<String> replay = Http.get(callback);

            String location = replay.headers().firstValue("Location").orElseThrow();
            assertThat(location).isEqualTo(OAuthFixture.UI_URL + "?error=general_service_error"
                    + "&error_description=the+authorization+request+was+already+used&api_name=agave");
            assertThat(location).doesNotContain(OAuthFixture.query(callback).get("state"));
        }

        @Test
        void hostileInputIsNeverEchoedUnescaped() {
            String location = location("?error=%3Cscript%3E&error_description=%3Cb%3Ehi%3C%2Fb%3E%0D%0ASet-Cookie%3A+x"
                    + "&state=" + UUID.randomUUID());

            assertThat(location).isEqualTo(OAuthFixture.UI_URL + "?error=general_service_error"
                    + "&error_description=%3Cb%3Ehi%3C%2Fb%3E++Set-Cookie%3A+x&api_name=agave");
        }

        @Test
        void stateInfoWithCharactersOutsideAQueryIsEscaped() {
            ApiClient client = fixture.user("escaping-user");
            URI authorize = fixture.authorizationUrl(client, "agave", "a=<b> c#d");

            HttpResponse<String> landing = Http.get(fixture.signIn(authorize, "escaping-user"));

            assertThat(landing.headers().firstValue("Location")).contains(OAuthFixture.UI_URL + "?a=%3Cb%3E%20c%23d");
        }
    }
}
