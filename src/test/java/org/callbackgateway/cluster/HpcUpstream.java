package org.callbackgateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.config.ConfigSource;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.oauth.TokenGrant;
import org.callbackgateway.oauth.TokenStore;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.StubHttpServer;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;

/**
 * The Agave API and the notification agent a cluster's HPC work talks to (stubs on loopback), the settings that
 * point the instances at them, and Agave jobs whose status lookups are due.
 */
final class HpcUpstream implements AutoCloseable {
    static final String OWNER = "snow-dog";

    final StubHttpServer agave = new StubHttpServer();
    final StubHttpServer oauth = new StubHttpServer();
    final StubHttpServer agent = new StubHttpServer();

    HpcUpstream() {
        agent.on("/notifications", StubHttpServer.json(200, "{}"));
    }

    /** Gateway settings: Agave and the agent here, retries and polls every second. */
    String[] settings() {
        return new String[] {
                "GATEWAY_HPC_AGAVE_BASE_URL", agave.baseUri().toString(),
                "GATEWAY_HPC_RETRY_INITIAL_SECONDS", "1",
                "GATEWAY_HPC_POLL_SECONDS", "1",
                "GATEWAY_NOTIFICATION_AGENT_URL", agent.baseUri() + "/notifications",
                "GATEWAY_OAUTH_APIS", "agave",
                "GATEWAY_OAUTH_AGAVE_AUTHORIZE_URL", "https://agave.example.test/authorize",
                "GATEWAY_OAUTH_AGAVE_TOKEN_URL", oauth.baseUri() + "/token",
                "GATEWAY_OAUTH_AGAVE_CLIENT_ID", "de",
                "GATEWAY_OAUTH_AGAVE_CLIENT_SECRET", LeakWatch.remember("agave-client-secret-" + UUID.randomUUID()),
                "GATEWAY_OAUTH_AGAVE_REDIRECT_URI", "https://de.example.test/oauth/callback/agave",
                "GATEWAY_OAUTH_AGAVE_UI_URL", "https://de.example.test/"};
    }

    /** A job the gateway tracks, by its id and Agave's. */
    record AgaveJob(String id, String externalId) {
        String lookupPath() {
            return "/jobs/v2/" + externalId;
        }
    }

    /**
     * Registers {@code count} Agave jobs through {@code service}, gives their owner a token, and makes a lookup of
     * each due now, as after a failed lookup; Agave will answer each (slowly) that the job finished.
     */
    List<AgaveJob> dueJobs(TestDatabase database, ApiClient service, int count) {
        GatewayConfig config = GatewayConfig.load(ConfigSource.of(TestSettings.gateway(database.url())));
        new TokenStore(database.jdbi(), config.encryption().map(SecretBox::new)).save("agave", OWNER,
                new TokenGrant(LeakWatch.remember("agave-token-" + UUID.randomUUID()),
                        Optional.of(LeakWatch.remember("refresh-" + UUID.randomUUID())), "Bearer", Optional.empty(),
                        Optional.of(Duration.ofHours(1))), Instant.now());
        List<AgaveJob> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String externalId = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
            JsonNode job = Http.json(service.post("/secured/jobs?user=" + OWNER, "{\"source\":\"agave\",\"name\":\"wc\","
                    + "\"external_id\":\"" + externalId + "\",\"notify\":true}"));
            AgaveJob created = new AgaveJob(job.get("id").asText(), externalId);
            agave.on(created.lookupPath(), new StubHttpServer.Answer(200, finished(externalId), 100));
            jobs.add(created);
        }
        database.jdbi().useHandle(handle -> {
            for (AgaveJob job : jobs) {
                handle.execute("INSERT INTO hpc_lookup_retries (job_id, attempts, first_failed_at, next_attempt_at, "
                        + "last_error) VALUES (CAST(? AS uuid), 1, now(), now(), 'HTTP 500')", job.id());
            }
        });
        return jobs;
    }

    private static String finished(String id) {
        return "{\"status\":\"success\",\"message\":null,\"version\":\"2.2.27\",\"result\":{\"id\":\"" + id
                + "\",\"status\":\"FINISHED\",\"startTime\":\"2026-11-22T10:00:00.000-06:00\","
                + "\"endTime\":\"2026-11-22T11:00:00.000-06:00\",\"lastUpdated\":\"2026-11-22T11:00:00.000-06:00\"}}";
    }

    /** How many notifications the agent received for job {@code id}. */
    long notificationsFor(String id) {
        return agent.requestsTo("/notifications").stream()
                .filter(request -> Http.json(request.body()).at("/payload/id").asText().equals(id)).count();
    }

    @Override
    public void close() {
        agave.close();
        oauth.close();
        agent.close();
    }
}
