package org.callbackgateway.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestIdentityProvider;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in through the identity provider, at the gateway's end: ID tokens of a real OpenID Connect
 * provider (mock-oauth2-server, keys from its discovered JWKS) traded for the gateway's token, and every kind of
 * bad ID token refused with 401 and the error envelope.
 */
class OidcSignInIT {
    private static TestIdentityProvider provider;
    private static TestDatabase database;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        provider = TestIdentityProvider.start();
        database = TestDatabase.empty("oidc_sign_in_it");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(), provider.gatewaySettings()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
        provider.close();
    }

    private static String idToken(String nonceKey, Map<String, Object> claims) {
        Map<String, Object> all = new java.util.HashMap<>(claims);
        all.put("nonce", TestIdentityProvider.nonceOf(nonceKey));
        return provider.idToken(TestIdentityProvider.ISSUER_ID, TestIdentityProvider.CLIENT_ID, "subject-" + nonceKey,
                all, 3600);
    }

    private static HttpResponse<String> exchange(String idToken, String nonceKey) {
        return Http.postJson(gateway.uri("/v1/oidc/token"),
                "{\"id_token\":\"" + idToken + "\",\"nonce_key\":\"" + nonceKey + "\"}");
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode body = Http.json(response);
        assertThat(body.get("error_code").asText()).isEqualTo("ERR_UNAUTHORIZED");
        assertThat(body.get("success").asBoolean(true)).isFalse();
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void configNamesTheDiscoveredEndpointsAndThePolicyAllowsTheProvider() {
        HttpResponse<String> config = Http.get(gateway.uri("/v1/oidc/config"));

        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode idp = Http.json(config).get("identity_provider");
        assertThat(idp.get("issuer").asText()).isEqualTo(provider.issuer());
        assertThat(idp.get("client_id").asText()).isEqualTo(TestIdentityProvider.CLIENT_ID);
        assertThat(idp.get("scopes").asText()).isEqualTo("openid profile");
        assertThat(idp.get("authorization_endpoint").asText())
                .isEqualTo(provider.server().authorizationEndpointUrl(TestIdentityProvider.ISSUER_ID).toString());
        assertThat(idp.get("token_endpoint").asText())
                .isEqualTo(provider.server().tokenEndpointUrl(TestIdentityProvider.ISSUER_ID).toString());
        String origin = "http://127.0.0.1:" + provider.server().baseUrl().port();
        assertThat(Http.get(gateway.uri("/console/")).headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("connect-src 'self' " + origin + ";"));
    }

    @Nested
    class Accepted {
        @Test
        void aMemberOfTheAdminGroupGetsAnAdminToken() {
            String nonceKey = TestIdentityProvider.nonceKey();
            HttpResponse<String> answer = exchange(idToken(nonceKey, Map.of("preferred_username", "ada",
                    "groups", List.of("staff", TestIdentityProvider.ADMIN_GROUP))), nonceKey);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = Http.json(answer);
            assertThat(body.get("role").asText()).isEqualTo("admin");
            assertThat(body.get("username").asText()).isEqualTo("ada");
            assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            ApiClient ada = new ApiClient(gateway.baseUri(), body.get("access_token").asText());
            assertThat(ada.get("/admin/clients").statusCode()).isEqualTo(200);
        }

        @Test
        void anyoneElseIsAUserWhoActsAsTheirNameAndSeesOnlyTheirJobs() {
            String nonceKey = TestIdentityProvider.nonceKey();
            HttpResponse<String> answer = exchange(idToken(nonceKey, Map.of("preferred_username", "grace",
                    "groups", List.of("staff"))), nonceKey);

            JsonNode body = Http.json(answer);
            assertThat(body.get("role").asText()).as(answer.body()).isEqualTo("user");
            ApiClient grace = new ApiClient(gateway.baseUri(), body.get("access_token").asText());
            assertThat(grace.get("/admin/clients").statusCode()).isEqualTo(403);
            HttpResponse<String> job = grace.post("/secured/jobs", "{\"source\":\"agave\",\"name\":\"wc\"}");
            assertThat(job.statusCode()).as(job.body()).isEqualTo(201);
            assertThat(Http.json(job).get("owner").asText()).isEqualTo("grace");
            assertThat(grace.get("/secured/jobs?user=someone-else").statusCode()).isEqualTo(403);
        }

        @Test
        void withoutTheUsernameClaimTheSubjectNamesTheUser() {
            String nonceKey = TestIdentityProvider.nonceKey();
            HttpResponse<String> answer = exchange(idToken(nonceKey, Map.of()), nonceKey);

            assertThat(Http.json(answer).get("username").asText()).isEqualTo("subject-" + nonceKey);
        }
    }

    @Nested
    class Refused {
        @Test
        void anIdTokenIsExchangedOnlyOnce() {
            String nonceKey = TestIdentityProvider.nonceKey();
            String token = idToken(nonceKey, Map.of("preferred_username", "ada"));

            assertThat(exchange(token, nonceKey).statusCode()).isEqualTo(200);
            assertRefused(exchange(token, nonceKey));
        }

        @Test
        void anotherNonceKeyThanTheOneHashedIntoTheToken() {
            assertRefused(exchange(idToken(TestIdentityProvider.nonceKey(), Map.of()), TestIdentityProvider.nonceKey()));
        }

        @Test
        void aTokenWithoutNonce() {
            String nonceKey = TestIdentityProvider.nonceKey();
            assertRefused(exchange(provider.idToken(TestIdentityProvider.ISSUER_ID, TestIdentityProvider.CLIENT_ID,
                    "ada", Map.of(), 3600), nonceKey));
        }

        @Test
        void aTokenForAnotherClient() {
            String nonceKey = TestIdentityProvider.nonceKey();
            assertRefused(exchange(provider.idToken(TestIdentityProvider.ISSUER_ID, "another-client", "ada",
                    Map.of("nonce", TestIdentityProvider.nonceOf(nonceKey)), 3600), nonceKey));
        }

        @Test
        void aTokenOfAnotherIssuerOnTheSameServer() {
            String nonceKey = TestIdentityProvider.nonceKey();
            assertRefused(exchange(provider.idToken("elsewhere", TestIdentityProvider.CLIENT_ID, "ada",
                    Map.of("nonce", TestIdentityProvider.nonceOf(nonceKey)), 3600), nonceKey));
        }

        @Test
        void anExpiredToken() {
            String nonceKey = TestIdentityProvider.nonceKey();
            assertRefused(exchange(provider.idToken(TestIdentityProvider.ISSUER_ID, TestIdentityProvider.CLIENT_ID,
                    "ada", Map.of("nonce", TestIdentityProvider.nonceOf(nonceKey)), -300), nonceKey));
        }

        @Test
        void aTokenIssuedTooLongAgo() {
            String nonceKey = TestIdentityProvider.nonceKey();
            long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
            assertRefused(exchange(provider.idToken(TestIdentityProvider.ISSUER_ID, TestIdentityProvider.CLIENT_ID,
                    "ada", Map.of("nonce", TestIdentityProvider.nonceOf(nonceKey), "iat", anHourAgo), 3600), nonceKey));
        }

        @Test
        void aTokenWhosePayloadWasChanged() {
            String nonceKey = TestIdentityProvider.nonceKey();
            String[] parts = idToken(nonceKey, Map.of("preferred_username", "grace")).split("\\.");
            String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("\"grace\"", "\"admin\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertRefused(exchange(parts[0] + "." + forgedPayload + "." + parts[2], nonceKey));
        }

        @Test
        void aTokenSignedByAStrangerUnderTheProvidersKeyId() throws Exception {
            String nonceKey = TestIdentityProvider.nonceKey();
            String kid = SignedJWT.parse(idToken(TestIdentityProvider.nonceKey(), Map.of())).getHeader().getKeyID();
            RSAKey stranger = new RSAKeyGenerator(2048).keyID(kid).generate();
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                    new JWTClaimsSet.Builder().issuer(provider.issuer()).audience(TestIdentityProvider.CLIENT_ID)
                            .subject("mallory").issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                            .claim("nonce", TestIdentityProvider.nonceOf(nonceKey))
                            .claim("groups", List.of(TestIdentityProvider.ADMIN_GROUP)).build());
            forged.sign(new RSASSASigner(stranger));

            assertRefused(exchange(forged.serialize(), nonceKey));
        }

        @Test
        void aTokenWithAnUnsuitableUserName() {
            String nonceKey = TestIdentityProvider.nonceKey();
            assertRefused(exchange(idToken(nonceKey, Map.of("preferred_username", "<script>")), nonceKey));
        }

        @Test
        void garbageInsteadOfAToken() {
            assertRefused(exchange("not.a.jwt", TestIdentityProvider.nonceKey()));
        }

        @Test
        void aRequestWithoutNonceKeyOrNotJsonIsABadRequest() {
            HttpResponse<String> noKey = Http.postJson(gateway.uri("/v1/oidc/token"), "{\"id_token\":\"a.b.c\"}");
            HttpResponse<String> notJson = Http.postJson(gateway.uri("/v1/oidc/token"), "id_token=a.b.c");

            assertThat(noKey.statusCode()).isEqualTo(400);
            assertThat(Http.json(noKey).get("error_code").asText()).isEqualTo("ERR_BAD_REQUEST");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(Http.json(notJson).get("success").asBoolean(true)).isFalse();
        }
    }
}
