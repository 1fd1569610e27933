package org.callbackgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.config.OAuthApiConfig.ClientAuth;
import org.callbackgateway.config.OAuthApiConfig.TokenStyle;
import org.callbackgateway.config.OAuthConfig;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;
import org.callbackgateway.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The token service against the real database and a strict stub token endpoint (rotating refresh tokens).
 */
class OAuthTokenServiceTest {
    private static final Duration MARGIN = Duration.ofMinutes(5);
    private static final ObjectMapper MAPPER = Json.newMapper();

    private static TestDatabase database;
    private static StubTokenEndpoint endpoint;
    private static MutableClock clock;
    private static OAuthApiConfig api;
    private static TokenStore tokens;
    private static OAuthTokenService service;
    private String user;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.migrated("oauth_tokens");
        endpoint = new StubTokenEndpoint();
        clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
        api = TestApis.api("stubbed", endpoint.uri(), ClientAuth.CLIENT_SECRET_BASIC, TokenStyle.STANDARD);
        tokens = new TokenStore(database.jdbi(), Optional.of(TestApis.box("k1")));
        service = service(tokens);
    }

    private static OAuthTokenService service(TokenStore store) {
        OAuthApis apis = new OAuthApis(new OAuthConfig(java.util.Map.of(api.name(), api), Duration.ofMinutes(10), MARGIN,
                Duration.ofSeconds(5), Duration.ofSeconds(15)));
        return new OAuthTokenService(apis, store,
                new TokenEndpointClient(Duration.ofSeconds(2), Duration.ofSeconds(20), MAPPER),
                new AuthorizationRequestService(database.jdbi(), Duration.ofMinutes(10), clock), MARGIN, clock);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        database.close();
    }

    @BeforeEach
    void freshUserAndEndpoint() {
        endpoint.reset();
        user = "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stores a token as a completed code exchange would, with a refresh token the endpoint accepts once. */
    private String storeToken(Duration lifetime, boolean refreshable) {
        String access = "at-" + UUID.randomUUID();
        Optional<String> refresh = refreshable ? Optional.of("rt-" + UUID.randomUUID()) : Optional.empty();
        refresh.ifPresent(endpoint::acceptRefreshToken);
        tokens.save(api.name(), user, new TokenGrant(access, refresh, "Bearer", Optional.of("openid"),
                Optional.of(lifetime)), clock.instant());
        return access;
    }

    @Test
    void aFreshTokenIsHandedOutWithoutARequest() {
        String access = storeToken(Duration.ofHours(1), true);

        AccessToken token = service.validAccessToken(api.name(), user);

        assertThat(token.value()).isEqualTo(access);
        assertThat(token.tokenType()).isEqualTo("Bearer");
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(endpoint.received()).isEmpty();
    }

    @Test
    void aTokenExpiringWithinTheMarginIsRefreshedAndStored() {
        String old = storeToken(MARGIN.minusSeconds(1), true);
        String oldRefresh = tokens.find(api.name(), user).orElseThrow().refreshToken().orElseThrow();

        AccessToken token = service.validAccessToken(api.name(), user);

        assertThat(token.value()).startsWith("stub-at-").isNotEqualTo(old);
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        StoredToken stored = tokens.find(api.name(), user).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo(token.value());
        assertThat(stored.refreshToken()).get().asString().startsWith("stub-rt-");
        StubTokenEndpoint.Received refresh = endpoint.received().get(0);
        assertThat(refresh.form()).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", oldRefresh)
                .doesNotContainKey("client_secret");
        assertThat(refresh.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                ("gateway-client:" + TestApis.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theOldRefreshTokenIsKeptWhenTheProviderIssuesNoNewOne() {
        storeToken(Duration.ofSeconds(10), true);
        String oldRefresh = tokens.find(api.name(), user).orElseThrow().refreshToken().orElseThrow();
        endpoint.force(200, "{\"access_token\":\"renewed-at\",\"token_type\":\"Bearer\",\"expires_in\":600}");

        assertThat(service.validAccessToken(api.name(), user).value()).isEqualTo("renewed-at");
        assertThat(tokens.find(api.name(), user).orElseThrow().refreshToken()).contains(oldRefresh);
    }

    @Test
    void withoutATokenAuthorizationIsRequiredWithAFreshUrl() {
        assertThatThrownBy(() -> service.validAccessToken(api.name(), user))
                .isInstanceOfSatisfying(AuthorizationRequiredException.class, e -> {
                    assertThat(e.apiName()).isEqualTo("stubbed");
                    assertThat(e.username()).isEqualTo(user);
                    assertThat(e.authorizationUrl().toString()).startsWith("https://provider.example.org/authorize?")
                            .contains("code_challenge_method=S256");
                });
        assertThat(database.count("SELECT count(*) FROM authorization_requests WHERE username = ?", user)).isEqualTo(1);
    }

    @Test
    void aRefusedRefreshDeletesTheTokenAndRequiresAuthorization() {
        storeToken(Duration.ofSeconds(10), true);
        endpoint.force(400, "{\"error\":\"invalid_grant\"}");

        assertThatThrownBy(() -> service.validAccessToken(api.name(), user))
                .isInstanceOf(AuthorizationRequiredException.class);
        assertThat(tokens.info(api.name(), user)).isEmpty();
    }

    @Test
    void aFailingTokenEndpointKeepsTheTokenAndAnswersRequestFailed() {
        String old = storeToken(Duration.ofSeconds(10), true);
        endpoint.force(503, "<html>down</html>");

        assertThatThrownBy(() -> service.validAccessToken(api.name(), user))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.code()).isEqualTo(ErrorCode.ERR_REQUEST_FAILED);
                    assertThat(e.getMessage()).isEqualTo("token request to stubbed failed: HTTP 503");
                });
        assertThat(tokens.find(api.name(), user).orElseThrow().accessToken()).isEqualTo(old);
    }

    @Test
    void anExpiredTokenWithoutRefreshTokenIsDeleted() {
        storeToken(Duration.ofSeconds(10), false);
        clock.advance(Duration.ofSeconds(11));

        assertThatThrownBy(() -> service.validAccessToken(api.name(), user))
                .isInstanceOf(AuthorizationRequiredException.class);
        assertThat(tokens.info(api.name(), user)).isEmpty();
    }

    @Test
    void aTokenWithinTheMarginWithoutRefreshTokenIsStillHandedOut() {
        String access = storeToken(Duration.ofSeconds(60), false);

        assertThat(service.validAccessToken(api.name(), user).value()).isEqualTo(access);
    }

    @Test
    void aTokenSealedWithARemovedKeyIsDeletedAndAuthorizationRequired() {
        storeToken(Duration.ofHours(1), true);
        OAuthTokenService rotatedAway = service(new TokenStore(database.jdbi(), Optional.of(TestApis.box("k2"))));

        assertThatThrownBy(() -> rotatedAway.validAccessToken(api.name(), user))
                .isInstanceOf(AuthorizationRequiredException.class);
        assertThat(tokens.info(api.name(), user)).isEmpty();
    }

    @Test
    void anUnknownApiIsNotFound() {
        assertThatThrownBy(() -> service.validAccessToken("nope", user))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Nested
    class Concurrency {

        @Test
        void twoConcurrentRefreshesForOneUserRefreshOnceAndBothGetTheNewToken() throws Exception {
            storeToken(Duration.ofSeconds(30), true);
            CountDownLatch firstArrived = endpoint.holdRefreshes();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<AccessToken> first = pool.submit(() -> service.validAccessToken(api.name(), user));
                assertThat(firstArrived.await(20, TimeUnit.SECONDS)).isTrue();
                Future<AccessToken> second = pool.submit(() -> service.validAccessToken(api.name(), user));
                awaitLockWaiter();
                endpoint.releaseRefreshes();

                String renewed = first.get(20, TimeUnit.SECONDS).value();
                assertThat(second.get(20, TimeUnit.SECONDS).value()).isEqualTo(renewed);
                assertThat(endpoint.refreshCount()).isEqualTo(1);
                assertThat(tokens.find(api.name(), user).orElseThrow().accessToken()).isEqualTo(renewed);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void refreshAfterRejectionRefreshesOnlyWhileTheRejectedTokenIsStored() {
            String rejected = storeToken(Duration.ofHours(1), true);

            AccessToken renewed = service.refreshAfterRejection(api.name(), user, rejected);
            AccessToken again = service.refreshAfterRejection(api.name(), user, rejected);

            assertThat(renewed.value()).isNotEqualTo(rejected);
            assertThat(again.value()).isEqualTo(renewed.value());
            assertThat(endpoint.refreshCount()).isEqualTo(1);
        }

        @Test
        void aRejectedTokenWithoutRefreshTokenRequiresAuthorization() {
            String rejected = storeToken(Duration.ofHours(1), false);

            assertThatThrownBy(() -> service.refreshAfterRejection(api.name(), user, rejected))
                    .isInstanceOf(AuthorizationRequiredException.class);
            assertThat(tokens.info(api.name(), user)).isEmpty();
        }

        /** Waits until a session of this database waits for a row lock: the second refresh is queued. */
        private void awaitLockWaiter() throws InterruptedException {
            for (int i = 0; i < 400; i++) {
                long waiting = database.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock'");
                if (waiting > 0) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the second refresh never waited for the row lock");
        }
    }

    @Nested
    class Storage {

        @Test
        void tokensAreStoredEncryptedUnderTheActiveKey() {
            String access = storeToken(Duration.ofHours(1), true);
            String refresh = tokens.find(api.name(), user).orElseThrow().refreshToken().orElseThrow();

            TokenRow row = database.jdbi().withExtension(AccessTokenDao.class, dao -> dao.find(api.name(), user))
                    .orElseThrow();
            assertThat(row.keyId()).isEqualTo("k1");
            assertThat(new String(row.accessToken(), StandardCharsets.ISO_8859_1)).doesNotContain(access);
            assertThat(new String(row.refreshToken(), StandardCharsets.ISO_8859_1)).doesNotContain(refresh);
            assertThat(row.accessToken().length).isGreaterThanOrEqualTo(12 + access.length() + 16);
        }

        @Test
        void aCiphertextMovedToAnotherUsersRowDoesNotDecrypt() {
            storeToken(Duration.ofHours(1), true);
            String victim = user;
            user = "other-" + UUID.randomUUID().toString().substring(0, 8);
            storeToken(Duration.ofHours(1), true);
            database.jdbi().useHandle(handle -> handle.execute("""
                    UPDATE access_tokens SET access_token = (SELECT access_token FROM access_tokens
                                                              WHERE api_name = ? AND username = ?)
                     WHERE api_name = ? AND username = ?""", api.name(), victim, api.name(), user));

            assertThatThrownBy(() -> tokens.find(api.name(), user))
                    .isInstanceOf(SecretBox.UnreadableSecretException.class);
        }
    }
}
