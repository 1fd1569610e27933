package org.callbackgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances on one database: a client's tokens stop working at once on the instance that disabled,
 * deleted or re-keyed it, and on the other within the client cache's time.
 */
class TokenRevocationIT {
    private static final int CACHE_SECONDS = 2;

    private static TestDatabase database;
    private static GatewayServer first;
    private static GatewayServer second;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("revocation");
        first = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(),
                "GATEWAY_CLIENT_CACHE_SECONDS", Integer.toString(CACHE_SECONDS)));
        second = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(),
                "GATEWAY_CLIENT_CACHE_SECONDS", Integer.toString(CACHE_SECONDS)));
        admin = ApiClient.as(first.baseUri(), Admins.ID, Admins.KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        second.close();
        first.close();
        database.close();
    }

    private static String newClient() {
        String id = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = admin.post("/admin/clients",
                "{\"client_id\":\"" + id + "\",\"role\":\"user\",\"permissions\":{}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return id + ":" + LeakWatch.remember(Http.json(created).get("client_key").asText());
    }

    private static int jobsStatus(GatewayServer gateway, String token) {
        return new ApiClient(gateway.baseUri(), token).get("/secured/jobs").statusCode();
    }

    /** Polls the other instance until it refuses, and says how long that took. */
    private static Duration untilRefused(GatewayServer gateway, String token) throws InterruptedException {
        Instant start = Instant.now();
        while (jobsStatus(gateway, token) != 401) {
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(CACHE_SECONDS + 3));
            Thread.sleep(100);
        }
        return Duration.between(start, Instant.now());
    }

    @Test
    void aDisabledClientsTokenStopsAtOnceHereAndWithinTheCacheTimeThere() throws Exception {
        String[] client = newClient().split(":", 2);
        String token = ApiClient.token(first.baseUri(), client[0], client[1]);
        assertThat(jobsStatus(first, token)).isEqualTo(200);
        assertThat(jobsStatus(second, token)).isEqualTo(200);

        assertThat(admin.post("/admin/clients/" + client[0] + "/disable", "{}").statusCode()).isEqualTo(200);

        assertThat(jobsStatus(first, token)).isEqualTo(401);
        assertThat(untilRefused(second, token)).isLessThanOrEqualTo(Duration.ofSeconds(CACHE_SECONDS + 1));
    }

    @Test
    void aDeletedClientsTokenStopsWorking() throws Exception {
        String[] client = newClient().split(":", 2);
        String token = ApiClient.token(first.baseUri(), client[0], client[1]);
        assertThat(jobsStatus(second, token)).isEqualTo(200);

        assertThat(admin.delete("/admin/clients/" + client[0]).statusCode()).isLessThan(300);

        assertThat(jobsStatus(first, token)).isEqualTo(401);
        untilRefused(second, token);
    }

    @Test
    void aRotatedKeyRevokesOlderTokensButNotTheNewKeys() throws Exception {
        String[] client = newClient().split(":", 2);
        String oldToken = ApiClient.token(first.baseUri(), client[0], client[1]);

        HttpResponse<String> rotated = admin.post("/admin/clients/" + client[0] + "/rotate-key", "{}");
        String newKey = LeakWatch.remember(Http.json(rotated).get("client_key").asText());
        String newToken = ApiClient.token(first.baseUri(), client[0], newKey);

        assertThat(jobsStatus(first, oldToken)).isEqualTo(401);
        assertThat(jobsStatus(first, newToken)).isEqualTo(200);
        untilRefused(second, oldToken);
        assertThat(jobsStatus(second, newToken)).isEqualTo(200);
    }
}
