package org.callbackgateway.oauth;

import org.callbackgateway.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.config.OAuthApiConfig.ClientAuth;
import org.callbackgateway.config.OAuthApiConfig.TokenStyle;
import org.callbackgateway.oauth.StateRefusedException.Reason;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.web.ApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthorizationRequestServiceTest {
    private static final Duration TTL = Duration.ofMinutes(10);

    private static TestDatabase database;
    private static MovableClock clock;
    private static AuthorizationRequestService requests;
    private static OAuthApiConfig agave;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.migrated("oauth_states");
        clock = new MovableClock(Instant.parse("2026-11-22T12:00:00Z"));
        requests = new AuthorizationRequestService(database.jdbi(), TTL, clock);
        agave = TestApis.api("agave", URI.create("https://provider.example.org/token"), ClientAuth.CLIENT_SECRET_BASIC,
                TokenStyle.STANDARD);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String state(AuthorizationStart start) {
        return query(start.authorizationUrl()).get("state");
    }

    @Test
    void startStoresAStateAndBuildsTheProviderUrlWithPkce() {
        AuthorizationStart start = requests.start(agave, "snow-dog", "window=apps");

        Map<String, String> query = query(start.authorizationUrl());
        assertThat(start.authorizationUrl().toString()).startsWith("https://provider.example.org/authorize?tenant=t1&");
        assertThat(query).containsEntry("response_type", "code")
                .containsEntry("client_id", "gateway-client")
                .containsEntry("redirect_uri", "https://gateway.example.org/oauth/callback/agave")
                .containsEntry("scope", "openid profile")
                .containsEntry("code_challenge_method", "S256");
        assertThat(start.authorizationUrl().getRawQuery()).contains("scope=openid%20profile");
        assertThat(start.expiresAt()).isEqualTo(clock.instant().plus(TTL));

        AuthorizationRequest row = requests.consume("agave", query.get("state"), Optional.of("snow-dog"));
        assertThat(row.stateInfo()).isEqualTo("window=apps");
        assertThat(Pkce.challenge(row.codeVerifier())).isEqualTo(query.get("code_challenge"));
        assertThat(row.toString()).doesNotContain(row.codeVerifier()).doesNotContain(query.get("state"));
    }

    @Test
    void aStateIsConsumedOnlyOnce() {
        String state = state(requests.start(agave, "snow-dog", ""));
        requests.consume("agave", state, Optional.of("snow-dog"));

        assertThatThrownBy(() -> requests.consume("agave", state, Optional.of("snow-dog")))
                .isInstanceOf(StateRefusedException.class)
                .hasMessage("authorization request " + state + " was already used")
                .satisfies(e -> assertThat(((StateRefusedException) e).status()).isEqualTo(400));
    }

    @Test
    void anExpiredStateIsRefused() {
        String state = state(requests.start(agave, "snow-dog", ""));
        clock.advance(TTL.plusSeconds(1));

        assertThatThrownBy(() -> requests.consume("agave", state, Optional.of("snow-dog")))
                .hasMessage("authorization request " + state + " has expired");
    }

    @Test
    void anotherUsersStateIsRefusedAndStaysUsableForItsOwner() {
        String state = state(requests.start(agave, "snow-dog", "mine"));

        assertThatThrownBy(() -> requests.consume("agave", state, Optional.of("mallory")))
                .hasMessage("wrong user for authorization request " + state);
        assertThat(requests.consume("agave", state, Optional.of("snow-dog")).stateInfo()).isEqualTo("mine");
    }

    @Test
    void aStateOfAnotherApiIsRefused() {
        String state = state(requests.start(agave, "snow-dog", ""));

        assertThatThrownBy(() -> requests.consume("tapis", state, Optional.of("snow-dog")))
                .hasMessage("authorization request " + state + " was made for another API");
    }

    @Test
    void unknownAndMalformedStatesAreRefused() {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> requests.consume("agave", unknown.toString(), Optional.of("snow-dog")))
                .hasMessage("authorization request " + unknown + " not found");
        assertThatThrownBy(() -> requests.consume("agave", "1-2-3-4-5", Optional.of("snow-dog")))
                .isInstanceOf(StateRefusedException.class)
                .satisfies(e -> assertThat(((StateRefusedException) e).reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void withoutAUserTheStateIsConsumedForItsOwner() {
        String state = state(requests.start(agave, "snow-dog", ""));

        assertThat(requests.consume("agave", state, Optional.empty()).username()).isEqualTo("snow-dog");
    }

    @Test
    void ofConcurrentAttemptsExactlyOneConsumesTheState() throws Exception {
        String state = state(requests.start(agave, "snow-dog", ""));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                attempts.add(() -> {
                    try {
                        requests.consume("agave", state, Optional.of("snow-dog"));
                        return true;
                    } catch (StateRefusedException e) {
                        return false;
                    }
                });
            }
            long successes = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                successes += result.get() ? 1 : 0;
            }
            assertThat(successes).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stateInfoIsLimited() {
        assertThatThrownBy(() -> requests.start(agave, "snow-dog", "x".repeat(4097)))
                .isInstanceOf(ApiException.class)
                .hasMessage("state_info must be at most 4096 bytes");
    }

    @Test
    void theCleanerDeletesExpiredRequestsOnly() {
        String old = state(requests.start(agave, "cleaner-user", ""));
        String used = state(requests.start(agave, "cleaner-user", ""));
        requests.consume("agave", used, Optional.of("cleaner-user"));
        clock.advance(TTL.plusSeconds(1));
        String fresh = state(requests.start(agave, "cleaner-user", ""));

        int deleted = new ExpiredStateCleaner(requests, Duration.ofMinutes(1)).runOnce();

        assertThat(deleted).isGreaterThanOrEqualTo(2);
        assertThat(database.count("SELECT count(*) FROM authorization_requests WHERE id IN (CAST(? AS uuid), CAST(? AS uuid))",
                old, used)).isZero();
        assertThat(database.count("SELECT count(*) FROM authorization_requests WHERE id = CAST(? AS uuid)", fresh))
                .isEqualTo(1);
    }
}
