package org.callbackgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Client credentials, token issue, bearer checks and role rules, over HTTP against a real database, with a
 * test identity provider whose JWKS is served on loopback.
 */
class AuthIT {
    private static final String IDP_ISSUER = "https://idp.example.test/realms/site";
    private static final String IDP_AUDIENCE = "callback-gateway-api";

    private static TestDatabase database;
    private static GatewayServer gateway;
    private static HttpServer identityProvider;
    private static RSAKey idpKey;
    private static URI base;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        idpKey = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = new JWKSet(idpKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        identityProvider.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        identityProvider.start();

        database = TestDatabase.empty("auth_it");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(),
                "GATEWAY_OIDC_ISSUER", IDP_ISSUER,
                "GATEWAY_OIDC_AUDIENCE", IDP_AUDIENCE,
                "GATEWAY_OIDC_JWKS_URL", "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/jwks"));
        base = gateway.baseUri();
        admin = ApiClient.as(base, Admins.ID, Admins.KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
        identityProvider.stop(0);
    }

    /** Creates a client through the admin API and returns its key. */
    private static String createClient(String clientId, String role) {
        HttpResponse<String> response = admin.post("/admin/clients",
                "{\"client_id\":\"" + clientId + "\",\"role\":\"" + role + "\",\"permissions\":{\"sources\":[\"agave\"]}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return LeakWatch.remember(Http.json(response).get("client_key").asText());
    }

    private static HttpResponse<String> tokenByHeader(String clientId, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/authenticate/token/" + clientId)).GET();
        if (key != null) {
            request.header("client-key", key);
        }
        return Http.send(request);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = Http.json(response);
        assertThat(body.get("error_code").asText()).isEqualTo("ERR_UNAUTHORIZED");
        assertThat(body.get("success").asBoolean(true)).isFalse();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Nested
    class TokenEndpoints {
        @Test
        void clientKeyHeaderGivesASignedTokenWithTheClaims() throws Exception {
            String clientId = unique("svc");
            String key = createClient(clientId, "service");

            HttpResponse<String> response = tokenByHeader(clientId, key);

            assertThat(response.statusCode()).isEqualTo(200);
            LeakWatch.remember(response.body());
            SignedJWT jwt = SignedJWT.parse(response.body());
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertThat(claims.getSubject()).isEqualTo(clientId);
            assertThat(claims.getIssuer()).isEqualTo("callback-gateway");
            assertThat(claims.getAudience()).containsExactly("callback-gateway");
            assertThat(claims.getJWTID()).isNotBlank();
            assertThat(claims.getStringClaim("role")).isEqualTo("service");
            assertThat(claims.getJSONObjectClaim("permissions")).containsKey("sources");
            assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000L);
            assertThat(claims.getNotBeforeTime()).isNotNull();
        }

        @Test
        void basicAuthGivesTheRfc6749Answer() {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(base.resolve("/v1/oauth2/token"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (Admins.ID + ":" + Admins.KEY).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = Http.json(response);
            assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(body.get("expires_in").asInt()).isEqualTo(900);
            assertThat(body.get("access_token").asText()).contains(".");
            assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                    value -> assertThat(value).contains("no-store"));
        }

        @Test
        void wrongKeyUnknownClientAndDisabledClientGetTheSameAnswer() {
            String clientId = unique("user");
            String key = createClient(clientId, "user");
            String disabledId = unique("gone");
            String disabledKey = createClient(disabledId, "user");
            assertThat(admin.post("/admin/clients/" + disabledId + "/disable", "").statusCode()).isEqualTo(200);

            HttpResponse<String> wrongKey = tokenByHeader(clientId, key + "x");
            HttpResponse<String> unknown = tokenByHeader(unique("nobody"), key);
            HttpResponse<String> disabled = tokenByHeader(disabledId, disabledKey);
            HttpResponse<String> noKey = tokenByHeader(clientId, null);

            for (HttpResponse<String> response : new HttpResponse[] {wrongKey, unknown, disabled, noKey}) {
                assertUnauthorized(response);
                assertThat(response.body()).isEqualTo(wrongKey.body());
            }
        }

        @Test
        void repeatedFailuresForOneClientIdAreSlowedDown() {
            String clientId = unique("target");
            String key = createClient(clientId, "user");
            for (int attempt = 0; attempt < 5; attempt++) {
                assertUnauthorized(tokenByHeader(clientId, "guess-" + attempt));
            }

            // The sixth attempt, even with the right key.
            HttpResponse<String> blocked = tokenByHeader(clientId, key);

            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(Http.json(blocked).get("error_code").asText()).isEqualTo("ERR_TOO_MANY_REQUESTS");
            assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
            assertThat(tokenByHeader(unique("other"), key).statusCode()).isEqualTo(401);
        }

        @Test
        void otherGrantTypesAreRefused() {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(base.resolve("/v1/oauth2/token"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (Admins.ID + ":" + Admins.KEY).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password")));

            assertThat(response.statusCode()).isEqualTo(400);
        }
    }

    @Nested
    class BearerTokens {
        private final URI jobs = base.resolve("/secured/jobs");

        private HttpResponse<String> getJobsWith(String authorization) {
            HttpRequest.Builder request = HttpRequest.newBuilder(jobs).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return Http.send(request);
        }

        private String signed(JWSAlgorithm algorithm, byte[] key, JWTClaimsSet claims) throws Exception {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        }

        private JWTClaimsSet.Builder validClaims() {
            Instant now = Instant.now();
            return new JWTClaimsSet.Builder()
                    .issuer("callback-gateway").audience("callback-gateway").subject(Admins.ID)
                    .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                    .claim("role", "admin");
        }

        private byte[] gatewayKey() {
            return TestSettings.SIGNING_KEY.getBytes(StandardCharsets.UTF_8);
        }

        @Test
        void aTokenSignedWithTheGatewayKeyIsAccepted() throws Exception {
            assertThat(getJobsWith("Bearer " + signed(JWSAlgorithm.HS256, gatewayKey(), validClaims().build()))
                    .statusCode()).isEqualTo(200);
        }

        @Test
        void missingTokenIsRefusedWithAChallenge() {
            HttpResponse<String> response = getJobsWith(null);

            assertUnauthorized(response);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
        }

        @Test
        void algNoneIsRefused() {
            String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    validClaims().build().toString().getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> response = getJobsWith("Bearer " + header + "." + payload + ".");

            assertUnauthorized(response);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).contains("invalid_token"));
        }

        @Test
        void anotherKeyIsRefused() throws Exception {
            byte[] otherKey = "another-key-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8);
            assertUnauthorized(getJobsWith("Bearer " + signed(JWSAlgorithm.HS256, otherKey, validClaims().build())));
        }

        @Test
        void anotherHmacAlgorithmWithTheRightKeyIsRefused() throws Exception {
            byte[] longKey = (TestSettings.SIGNING_KEY + TestSettings.SIGNING_KEY).getBytes(StandardCharsets.UTF_8);
            assertUnauthorized(getJobsWith("Bearer " + signed(JWSAlgorithm.HS512, longKey, validClaims().build())));
        }

        @Test
        void expiredBeyondTheLeewayIsRefused() throws Exception {
            Instant past = Instant.now().minusSeconds(600);
            JWTClaimsSet claims = validClaims().issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                    .expirationTime(Date.from(Instant.now().minusSeconds(120))).build();
            assertUnauthorized(getJobsWith("Bearer " + signed(JWSAlgorithm.HS256, gatewayKey(), claims)));
        }

        @Test
        void expiredWithinTheLeewayIsAccepted() throws Exception {
            JWTClaimsSet claims = validClaims().expirationTime(Date.from(Instant.now().minusSeconds(20))).build();
            assertThat(getJobsWith("Bearer " + signed(JWSAlgorithm.HS256, gatewayKey(), claims)).statusCode())
                    .isEqualTo(200);
        }

        @Test
        void notYetValidIsRefused() throws Exception {
            JWTClaimsSet claims = validClaims().notBeforeTime(Date.from(Instant.now().plusSeconds(300))).build();
            assertUnauthorized(getJobsWith("Bearer " + signed(JWSAlgorithm.HS256, gatewayKey(), claims)));
        }

        @Test
        void wrongAudienceIsRefused() throws Exception {
            JWTClaimsSet claims = validClaims().audience("some-other-service").build();
            assertUnauthorized(getJobsWith("Bearer " + signed(JWSAlgorithm.HS256, gatewayKey(), claims)));
        }

        @Test
        void wrongIssuerIsRefused() throws Exception {
            JWTClaimsSet claims = validClaims().issuer("someone-else").build();
            assertUnauthorized(getJobsWith("Bearer " + signed(JWSAlgorithm.HS256, gatewayKey(), claims)));
        }

        @Test
        void garbageIsRefused() {
            assertUnauthorized(getJobsWith("Bearer not.a.token"));
            assertUnauthorized(getJobsWith("Basic YWRtaW46YWRtaW4="));
        }

        private String idpToken(RSAKey key, String audience, String preferredUsername) throws Exception {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(IDP_ISSUER).audience(audience).subject("f3a1c2d4-user-subject")
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                    .claim("preferred_username", preferredUsername)
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }

        @Test
        void identityProviderTokenActsAsItsPreferredUsername() throws Exception {
            String token = idpToken(idpKey, IDP_AUDIENCE, "snow-dog");
            ApiClient user = new ApiClient(base, token);

            HttpResponse<String> registered = user.post("/secured/jobs", "{\"source\":\"agave\",\"name\":\"wc\"}");

            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            assertThat(Http.json(registered).get("owner").asText()).isEqualTo("snow-dog");
        }

        @Test
        void identityProviderTokenForAnotherAudienceIsRefused() throws Exception {
            assertUnauthorized(getJobsWith("Bearer " + idpToken(idpKey, "other-audience", "snow-dog")));
        }

        @Test
        void tokenSignedByAKeyNotInTheJwksIsRefused() throws Exception {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();
            assertUnauthorized(getJobsWith("Bearer " + idpToken(stranger, IDP_AUDIENCE, "snow-dog")));
        }
    }

    @Nested
    class Roles {
        @Test
        void userCannotReadAnotherUsersJobButAServiceCanAndMayActForThem() {
            String aliceId = unique("alice");
            ApiClient alice = ApiClient.as(base, aliceId, createClient(aliceId, "user"));
            String bobId = unique("bob");
            ApiClient bob = ApiClient.as(base, bobId, createClient(bobId, "user"));
            String serviceId = unique("apps");
            ApiClient service = ApiClient.as(base, serviceId, createClient(serviceId, "service"));
            String bobsJob = Http.json(bob.post("/secured/jobs", "{\"source\":\"agave\",\"name\":\"bobs\"}"))
                    .get("id").asText();

            assertThat(alice.get("/secured/jobs/" + bobsJob).statusCode()).isEqualTo(404);
            assertThat(bob.get("/secured/jobs/" + bobsJob).statusCode()).isEqualTo(200);
            assertThat(service.get("/secured/jobs/" + bobsJob).statusCode()).isEqualTo(200);

            HttpResponse<String> forBob = service.post("/secured/jobs?user=" + bobId,
                    "{\"source\":\"agave\",\"name\":\"registered for bob\"}");
            assertThat(forBob.statusCode()).isEqualTo(201);
            assertThat(Http.json(forBob).get("owner").asText()).isEqualTo(bobId);
            assertThat(service.get("/secured/jobs/" + bobsJob + "?user=" + aliceId).statusCode()).isEqualTo(404);
        }

        @Test
        void userClientCannotActForAnotherUser() {
            String userId = unique("mallory");
            ApiClient user = ApiClient.as(base, userId, createClient(userId, "user"));

            HttpResponse<String> response = user.get("/secured/jobs?user=someone-else");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(Http.json(response).get("error_code").asText()).isEqualTo("ERR_FORBIDDEN");
        }

        @Test
        void adminPathsRefuseNonAdmins() {
            String serviceId = unique("svc");
            ApiClient service = ApiClient.as(base, serviceId, createClient(serviceId, "service"));

            assertThat(service.get("/admin/clients").statusCode()).isEqualTo(403);
            assertThat(new ApiClient(base, null).get("/admin/clients").statusCode()).isEqualTo(401);
            assertThat(new ApiClient(base, null).get("/admin;x=1/clients").statusCode()).isEqualTo(401);
            assertThat(new ApiClient(base, null).get("/secured;x=1/jobs").statusCode()).isEqualTo(401);
            assertThat(admin.get("/admin/clients").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class ClientAdministration {
        @Test
        void rotatingAKeyRetiresTheOldOne() {
            String clientId = unique("rotating");
            String oldKey = createClient(clientId, "service");

            HttpResponse<String> rotated = admin.post("/admin/clients/" + clientId + "/rotate-key", "");

            assertThat(rotated.statusCode()).isEqualTo(200);
            String newKey = Http.json(rotated).get("client_key").asText();
            assertThat(newKey).isNotEqualTo(oldKey).hasSizeGreaterThanOrEqualTo(32);
            assertUnauthorized(tokenByHeader(clientId, oldKey));
            assertThat(tokenByHeader(clientId, newKey).statusCode()).isEqualTo(200);
        }

        @Test
        void listShowsClientsWithoutKeysOrHashes() {
            String clientId = unique("listed");
            createClient(clientId, "user");

            HttpResponse<String> response = admin.get("/admin/clients");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains(clientId).doesNotContain("key_hash").doesNotContain("$2a$")
                    .doesNotContain("client_key");
        }

        @Test
        void creatingAnExistingClientIsAConflict() {
            String clientId = unique("twice");
            createClient(clientId, "user");

            HttpResponse<String> again = admin.post("/admin/clients",
                    "{\"client_id\":\"" + clientId + "\",\"role\":\"user\"}");

            assertThat(again.statusCode()).isEqualTo(409);
        }

        @Test
        void badRoleIsABadRequest() {
            HttpResponse<String> response = admin.post("/admin/clients",
                    "{\"client_id\":\"" + unique("x") + "\",\"role\":\"root\"}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("message").asText()).isEqualTo("role must be admin, service or user");
        }

        @Test
        void deletedClientCanNoLongerGetATokenAndIsGone() {
            String clientId = unique("deleted");
            String key = createClient(clientId, "user");

            assertThat(admin.delete("/admin/clients/" + clientId).statusCode()).isEqualTo(204);

            assertUnauthorized(tokenByHeader(clientId, key));
            assertThat(admin.get("/admin/clients/" + clientId).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void bootstrapAdminExistsAfterStartUp() {
        assertThat(database.count("SELECT count(*) FROM clients WHERE client_id = ? AND role = 'admin'", Admins.ID))
                .isEqualTo(1);
    }
}
