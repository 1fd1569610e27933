package org.callbackgateway.hpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.callbackgateway.config.ConfigSource;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.oauth.TokenGrant;
import org.callbackgateway.oauth.TokenStore;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.StubHttpServer;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The HPC job callbacks against stub Agave v2 and Tapis v3 APIs and a stub OAuth token endpoint on loopback,
 * with the owner's tokens in the real, encrypted token store.
 */
class HpcCallbacksIT {
    private static final String OWNER = "snow-dog";
    private static final long DEADLINE_MS = 2000;

    private static TestDatabase database;
    private static StubHttpServer hpc;
    private static StubHttpServer oauth;
    private static StubHttpServer agent;
    private static GatewayServer gateway;
    private static ApiClient service;
    private static TokenStore tokens;

    @BeforeAll
    static void start() throws Exception {
        hpc = new StubHttpServer();
        oauth = new StubHttpServer();
        agent = new StubHttpServer();
        agent.on("/notifications", StubHttpServer.json(200, "{}"));
        database = TestDatabase.empty("hpc_it");
        String[] apis = oauthSettings();
        String[] all = new String[apis.length + 14];
        System.arraycopy(apis, 0, all, 0, apis.length);
        System.arraycopy(new String[] {
                "GATEWAY_HPC_AGAVE_BASE_URL", hpc.baseUri().toString(),
                "GATEWAY_HPC_TAPIS_BASE_URL", hpc.baseUri().toString(),
                "GATEWAY_HPC_RETRY_INITIAL_SECONDS", "1",
                "GATEWAY_HPC_POLL_SECONDS", "1",
                "GATEWAY_HPC_TIMEOUT_MS", Long.toString(DEADLINE_MS),
                "GATEWAY_HPC_LOOKUP_THREADS", "2",
                "GATEWAY_NOTIFICATION_AGENT_URL", agent.baseUri() + "/notifications"}, 0, all, apis.length, 14);
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(), all));
        ApiClient admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
        String key = LeakWatch.remember(Http.json(admin.post("/admin/clients",
                "{\"client_id\":\"apps\",\"role\":\"service\"}")).get("client_key").asText());
        service = ApiClient.as(gateway.baseUri(), "apps", key);
        GatewayConfig config = GatewayConfig.load(ConfigSource.of(TestSettings.gateway(database.url())));
        tokens = new TokenStore(database.jdbi(), config.encryption().map(SecretBox::new));
    }

    private static String[] oauthSettings() {
        String token = oauth.baseUri() + "/token";
        return new String[] {
                "GATEWAY_OAUTH_APIS", "agave,tapis",
                "GATEWAY_OAUTH_AGAVE_AUTHORIZE_URL", "https://agave.example.test/authorize",
                "GATEWAY_OAUTH_AGAVE_TOKEN_URL", token,
                "GATEWAY_OAUTH_AGAVE_CLIENT_ID", "de",
                "GATEWAY_OAUTH_AGAVE_CLIENT_SECRET", "agave-client-secret",
                "GATEWAY_OAUTH_AGAVE_REDIRECT_URI", "https://de.example.test/oauth/callback/agave",
                "GATEWAY_OAUTH_AGAVE_UI_URL", "https://de.example.test/",
                "GATEWAY_OAUTH_TAPIS_AUTHORIZE_URL", "https://tapis.example.test/authorize",
                "GATEWAY_OAUTH_TAPIS_TOKEN_URL", token,
                "GATEWAY_OAUTH_TAPIS_CLIENT_ID", "de",
                "GATEWAY_OAUTH_TAPIS_CLIENT_SECRET", "tapis-client-secret",
                "GATEWAY_OAUTH_TAPIS_REDIRECT_URI", "https://de.example.test/oauth/callback/tapis",
                "GATEWAY_OAUTH_TAPIS_UI_URL", "https://de.example.test/"};
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
        hpc.close();
        oauth.close();
        agent.close();
    }

    /** A job of {@code source} owned by {@link #OWNER} with a fresh external id, and a valid token for it. */
    private static String[] job(String source) {
        String externalId = source + "-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode job = Http.json(service.post("/secured/jobs?user=" + OWNER,
                "{\"source\":\"" + source + "\",\"name\":\"wc\",\"external_id\":\"" + externalId + "\",\"notify\":true}"));
        return new String[] {job.get("id").asText(), externalId};
    }

    private static void ownerHasToken(String api, String token, Duration lifetime) {
        LeakWatch.remember(token);
        tokens.save(api, OWNER, new TokenGrant(token, Optional.of(LeakWatch.remember("refresh-" + UUID.randomUUID())),
                "Bearer", Optional.empty(), Optional.of(lifetime)), Instant.now());
    }

    private static String agaveAnswer(String id, String status) {
        return "{\"status\":\"success\",\"message\":null,\"version\":\"2.2.27\",\"result\":{\"id\":\"" + id
                + "\",\"status\":\"" + status + "\",\"startTime\":\"2026-11-22T10:00:00.000-06:00\","
                + "\"endTime\":\"2026-11-22T11:00:00.000-06:00\",\"lastUpdated\":\"2026-11-22T11:00:00.000-06:00\"}}";
    }

    private static HttpResponse<String> agaveCallback(String jobId) {
        return Http.post(gateway.uri("/callbacks/agave-job/" + jobId), "application/x-www-form-urlencoded",
                "success=true".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String status(String jobId) {
        return Http.json(service.get("/secured/jobs/" + jobId)).get("status").asText();
    }

    @Nested
    class AgaveJob {
        @BeforeEach
        void validToken() {
            ownerHasToken("agave", "agave-token-" + UUID.randomUUID(), Duration.ofHours(1));
        }

        @Test
        void pullsTheStatusWithTheOwnersTokenAndApplies() {
            String[] job = job("agave");
            String token = "agave-token-" + UUID.randomUUID();
            ownerHasToken("agave", token, Duration.ofHours(1));
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(200, agaveAnswer(job[1], "FINISHED")));

            HttpResponse<String> response = agaveCallback(job[0]);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"success\":true}");
            assertThat(hpc.requestsTo("/jobs/v2/" + job[1])).last()
                    .satisfies(request -> assertThat(request.header("Authorization")).isEqualTo("Bearer " + token));
            JsonNode read = Http.json(service.get("/secured/jobs/" + job[0]));
            assertThat(read.get("status").asText()).isEqualTo("Completed");
            assertThat(read.get("end_date").asText()).isEqualTo("2026-11-22T17:00:00Z");
            assertThat(read.get("history").get(0).get("remote_status").asText()).isEqualTo("FINISHED");
        }

        @Test
        void agavesJsonJobBodyIsStoredAndItsClaimRecordedBesideThePulledStatus() {
            String[] job = job("agave");
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(200, agaveAnswer(job[1], "RUNNING")));
            // Agave v2 posts the job record itself as JSON, unsigned (the shape of GET /jobs/v2/{id}'s result).
            String body = "{\"id\":\"" + job[1] + "\",\"name\":\"wc\",\"owner\":\"" + OWNER + "\","
                    + "\"appId\":\"wc-1.0\",\"executionSystem\":\"stampede2.tacc.utexas.edu\","
                    + "\"archivePath\":\"" + OWNER + "/archive/jobs/job-" + job[1] + "\","
                    + "\"archiveSystem\":\"data.iplantcollaborative.org\",\"status\":\"FINISHED\","
                    + "\"inputs\":{\"query1\":[\"agave://data.iplantcollaborative.org/" + OWNER + "/in.txt\"]},"
                    + "\"parameters\":{},\"_links\":{\"self\":{\"href\":\"https://agave.iplantc.org/jobs/v2/"
                    + job[1] + "\"}}}";

            HttpResponse<String> response = Http.post(gateway.uri("/callbacks/agave-job/" + job[0]),
                    "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode read = Http.json(service.get("/secured/jobs/" + job[0]));
            assertThat(read.get("status").asText()).isEqualTo("Running");
            JsonNode update = read.get("history").get(0);
            assertThat(update.get("remote_status").asText()).isEqualTo("RUNNING");
            assertThat(update.get("claimed_status").asText()).isEqualTo("FINISHED");
            assertThat(update.get("basis").asText()).isEqualTo("pulled");
            String stored = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT convert_from(body, 'UTF8') FROM deliveries WHERE id = :id")
                    .bind("id", update.get("delivery_id").asLong()).mapTo(String.class).one());
            assertThat(stored).isEqualTo(body);
        }

        @Test
        void anEmptyBodyOfAnyContentTypeIsAccepted() {
            String[] job = job("agave");
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(200, agaveAnswer(job[1], "STAGING")));

            HttpResponse<String> response = Http.post(gateway.uri("/callbacks/agave-job/" + job[0]), "text/plain",
                    new byte[0]);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode update = Http.json(service.get("/secured/jobs/" + job[0])).get("history").get(0);
            assertThat(update.get("remote_status").asText()).isEqualTo("STAGING");
            assertThat(update.get("reason").asText()).isEqualTo("not a forward move from Submitted");
            assertThat(update.has("claimed_status")).isFalse();
        }

        @Test
        void unknownJobIsNotFoundWordForWord() {
            String id = UUID.randomUUID().toString();

            HttpResponse<String> response = agaveCallback(id);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body())
                    .isEqualTo("{\"error_code\":\"ERR_NOT_FOUND\",\"message\":\"job " + id + " not found\",\"success\":false}");
        }

        @Test
        void hpcJobUnknownUpstreamIsNotFoundWordForWord() {
            String[] job = job("agave");
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(404, "{\"status\":\"error\",\"message\":\"No job found\"}"));

            HttpResponse<String> response = agaveCallback(job[0]);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo(
                    "{\"error_code\":\"ERR_NOT_FOUND\",\"message\":\"HPC job " + job[1] + " not found\",\"success\":false}");
        }

        @Test
        void upstreamFailureIs500AndTheRetryCompletesTheJobWithoutTheSender() throws Exception {
            String[] job = job("agave");
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(500, "{\"status\":\"error\"}"));

            HttpResponse<String> response = agaveCallback(job[0]);

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"error_code\":\"ERR_REQUEST_FAILED\",\"message\":\"lookup for HPC job "
                    + job[1] + "\",\"success\":false}");
            assertThat(database.count("SELECT count(*) FROM hpc_lookup_retries WHERE job_id = CAST(? AS uuid)", job[0]))
                    .isEqualTo(1);

            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(200, agaveAnswer(job[1], "FINISHED")));
            String status = "";
            for (int i = 0; i < 150 && !status.equals("Completed"); i++) {
                Thread.sleep(200);
                status = status(job[0]);
            }
            assertThat(status).isEqualTo("Completed");
            assertThat(database.count("SELECT count(*) FROM hpc_lookup_retries WHERE job_id = CAST(? AS uuid)", job[0]))
                    .isZero();
        }

        @Test
        void a401RefreshesTheTokenOnceAndSucceeds() {
            String[] job = job("agave");
            String refreshed = "refreshed-" + UUID.randomUUID();
            LeakWatch.remember(refreshed);
            oauth.on("/token", StubHttpServer.json(200, "{\"access_token\":\"" + refreshed
                    + "\",\"token_type\":\"bearer\",\"expires_in\":3600,\"refresh_token\":\"r-" + UUID.randomUUID() + "\"}"));
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(401, "{\"fault\":\"expired\"}"),
                    StubHttpServer.json(200, agaveAnswer(job[1], "RUNNING")));

            HttpResponse<String> response = agaveCallback(job[0]);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(status(job[0])).isEqualTo("Running");
            List<StubHttpServer.Recorded> lookups = hpc.requestsTo("/jobs/v2/" + job[1]);
            assertThat(lookups.get(lookups.size() - 1).header("Authorization")).isEqualTo("Bearer " + refreshed);
            assertThat(oauth.requestsTo("/token")).last().satisfies(request ->
                    assertThat(request.body()).contains("grant_type=refresh_token"));
        }

        @Test
        void aTokenAboutToExpireIsRefreshedBeforeUse() {
            String[] job = job("agave");
            ownerHasToken("agave", "expiring-" + UUID.randomUUID(), Duration.ofMinutes(1));
            String refreshed = LeakWatch.remember("fresh-" + UUID.randomUUID());
            oauth.on("/token", StubHttpServer.json(200, "{\"access_token\":\"" + refreshed
                    + "\",\"token_type\":\"bearer\",\"expires_in\":3600}"));
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(200, agaveAnswer(job[1], "QUEUED")));

            assertThat(agaveCallback(job[0]).statusCode()).isEqualTo(200);

            assertThat(hpc.requestsTo("/jobs/v2/" + job[1])).singleElement()
                    .satisfies(request -> assertThat(request.header("Authorization")).isEqualTo("Bearer " + refreshed));
        }

        @Test
        void aTerminalJobIsNotMovedBack() {
            String[] job = job("agave");
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(200, agaveAnswer(job[1], "FAILED")));
            agaveCallback(job[0]);
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(200, agaveAnswer(job[1], "RUNNING")));

            assertThat(agaveCallback(job[0]).statusCode()).isEqualTo(200);

            JsonNode read = Http.json(service.get("/secured/jobs/" + job[0]));
            assertThat(read.get("status").asText()).isEqualTo("Failed");
            assertThat(read.get("history").get(1).get("outcome").asText()).isEqualTo("ignored");
        }

        @Test
        void twoConcurrentCallbacksLeaveAConsistentHistory() throws Exception {
            String[] job = job("agave");
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(200, agaveAnswer(job[1], "RUNNING")),
                    StubHttpServer.json(200, agaveAnswer(job[1], "FINISHED")));

            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> agaveCallback(job[0]));
            CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> agaveCallback(job[0]));

            assertThat(first.get().statusCode()).isEqualTo(200);
            assertThat(second.get().statusCode()).isEqualTo(200);
            JsonNode history = Http.json(service.get("/secured/jobs/" + job[0])).get("history");
            assertThat(history).hasSize(2);
            String current = "Submitted";
            for (JsonNode update : history) {
                assertThat(update.get("old_status").asText()).isEqualTo(current);
                if (update.get("outcome").asText().equals("applied")) {
                    current = update.get("new_status").asText();
                }
            }
            assertThat(status(job[0])).isEqualTo(current);
        }

        @Test
        void aJobOfAnotherSourceIsNotAnHpcJob() {
            String id = Http.json(service.post("/secured/jobs", "{\"source\":\"de\",\"name\":\"x\"}")).get("id").asText();

            HttpResponse<String> response = agaveCallback(id);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"error_code\":\"ERR_ILLEGAL_ARGUMENT\",\"message\":\"job " + id
                    + " is not an HPC job\",\"success\":false}");
        }

        @Test
        void aJobWithoutExternalIdIsABadRequest() {
            String id = Http.json(service.post("/secured/jobs", "{\"source\":\"agave\",\"name\":\"x\"}")).get("id").asText();

            assertThat(agaveCallback(id).statusCode()).isEqualTo(400);
        }

        @Test
        void aMalformedUuidIsABadRequest() {
            assertThat(agaveCallback("not-a-uuid").statusCode()).isEqualTo(400);
        }

        @Test
        void appliedChangesAreNotifiedToTheAgent() throws Exception {
            String[] job = job("agave");
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(200, agaveAnswer(job[1], "FINISHED")));

            agaveCallback(job[0]);

            List<StubHttpServer.Recorded> posted = List.of();
            for (int i = 0; i < 100 && posted.isEmpty(); i++) {
                Thread.sleep(100);
                posted = agent.requestsTo("/notifications").stream()
                        .filter(request -> request.body().contains(job[0])).toList();
            }
            assertThat(posted).singleElement().satisfies(request -> {
                JsonNode message = Http.json(request.body());
                assertThat(message.get("type").asText()).isEqualTo("analysis");
                assertThat(message.get("user").asText()).isEqualTo(OWNER);
                assertThat(message.get("subject").asText()).isEqualTo("wc status changed.");
                assertThat(message.get("message").asText()).isEqualTo("wc completed");
                assertThat(message.get("email").asBoolean()).isTrue();
                assertThat(message.get("payload").get("action").asText()).isEqualTo("job_status_change");
                assertThat(message.get("payload").get("status").asText()).isEqualTo("Completed");
            });
        }
    }

    @Nested
    class SlowUpstream {
        @Test
        void aHangingTokenEndpointIsHeldToTheLookupDeadline() {
            String[] job = job("agave");
            ownerHasToken("agave", "expiring-" + UUID.randomUUID(), Duration.ofMinutes(1));
            // The token endpoint's own request timeout is 15 s; the lookup's deadline is what the sender waits.
            oauth.on("/token", new StubHttpServer.Answer(200, "{\"access_token\":\"late\",\"token_type\":\"bearer\"}",
                    12_000));
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(200, agaveAnswer(job[1], "RUNNING")));

            long started = System.nanoTime();
            HttpResponse<String> response = agaveCallback(job[0]);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(500);
            // Well under the 12 s the token endpoint takes, whatever the load on the machine.
            assertThat(tookMillis).isLessThan(DEADLINE_MS + 6_000);
            String detail = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT processing_detail FROM deliveries WHERE job_id = CAST(:id AS uuid) ORDER BY id DESC LIMIT 1")
                    .bind("id", job[0]).mapTo(String.class).one());
            assertThat(detail).contains("not done within " + DEADLINE_MS + " ms (token refresh included)");
            hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(404, "{}"));
        }

        @Test
        void aHangingApiDoesNotHoldTheOtherApisRetries() throws Exception {
            ownerHasToken("agave", "agave-token-" + UUID.randomUUID(), Duration.ofHours(1));
            ownerHasToken("tapis", "tapis-token-" + UUID.randomUUID(), Duration.ofHours(1));
            List<String[]> hanging = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String[] job = job("agave");
                hpc.on("/jobs/v2/" + job[1], new StubHttpServer.Answer(200, agaveAnswer(job[1], "RUNNING"), 3_000));
                hanging.add(job);
            }
            String[] tapis = job("tapis");
            hpc.on("/v3/jobs/" + tapis[1], StubHttpServer.json(200, "{\"status\":\"success\",\"result\":{\"uuid\":\""
                    + tapis[1] + "\",\"status\":\"FINISHED\",\"ended\":\"2026-11-22T11:00:00Z\"}}"));
            // Ten Agave lookups are due first: run one after the other, they would all come before Tapis' one.
            for (String[] job : hanging) {
                dueRetry(job[0], "now() - interval '10 seconds'");
            }
            long started = System.nanoTime();
            dueRetry(tapis[0], "now()");

            String status = "";
            while (!status.equals("Completed") && System.nanoTime() - started < 20_000_000_000L) {
                Thread.sleep(100);
                status = status(tapis[0]);
            }
            long agaveLookups = hanging.stream().filter(job -> !hpc.requestsTo("/jobs/v2/" + job[1]).isEmpty()).count();

            assertThat(status).isEqualTo("Completed");
            assertThat(agaveLookups).isLessThan(hanging.size());
            for (String[] job : hanging) {
                hpc.on("/jobs/v2/" + job[1], StubHttpServer.json(404, "{}"));
            }
        }

        private void dueRetry(String jobId, String dueAt) {
            database.jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO hpc_lookup_retries "
                    + "(job_id, attempts, first_failed_at, next_attempt_at, last_error) VALUES (CAST(:id AS uuid), 1, "
                    + "now(), " + dueAt + ", 'test')").bind("id", jobId).execute());
        }
    }

    @Nested
    class TapisJob {
        private final String token = "tapis-token-" + UUID.randomUUID();

        @BeforeEach
        void validToken() {
            ownerHasToken("tapis", token, Duration.ofHours(1));
        }

        private HttpResponse<String> event(String jobId, String tapisUuid, String status) {
            java.net.URI target = gateway.uri("/callbacks/tapis-job/" + jobId);
            return TapisNotifications.post(target, TapisNotifications.notification("jobs.JOB_NEW_STATUS." + status,
                    tapisUuid, TapisNotifications.statusData(tapisUuid, status, "RUNNING"), 8, target));
        }

        /** {@code GET /v3/jobs/{uuid}} as Tapis answers it: the job record in the {@code result} envelope. */
        private String tapisAnswer(String uuid, String status) {
            return "{\"result\":{\"uuid\":\"" + uuid + "\",\"name\":\"wc\",\"owner\":\"snow-dog\",\"status\":\""
                    + status + "\",\"created\":\"2026-11-22T10:00:00.000Z\",\"ended\":"
                    + (status.equals("RUNNING") ? "null" : "\"2026-11-22T11:30:00.000Z\"")
                    + "},\"status\":\"success\",\"message\":\"JOBS_RETRIEVED\",\"version\":\"1.6.0\"}";
        }

        @Test
        void anEventIsConfirmedByReadingTheJobFromTapis() {
            String[] job = job("tapis");
            hpc.on("/v3/jobs/" + job[1], StubHttpServer.json(200, tapisAnswer(job[1], "FINISHED")));

            HttpResponse<String> response = event(job[0], job[1], "FINISHED");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode read = Http.json(service.get("/secured/jobs/" + job[0]));
            assertThat(read.get("status").asText()).isEqualTo("Completed");
            assertThat(read.get("end_date").asText()).isEqualTo("2026-11-22T11:30:00Z");
            JsonNode update = read.get("history").get(0);
            assertThat(update.get("basis").asText()).isEqualTo("pulled");
            assertThat(update.get("claimed_status").asText()).isEqualTo("FINISHED");
            assertThat(hpc.requestsTo("/v3/jobs/" + job[1])).last()
                    .satisfies(request -> assertThat(request.header("X-Tapis-Token")).isEqualTo(token));
        }

        @Test
        void aForgedFinishedForAJobTapisReportsRunningDoesNotCompleteIt() {
            String[] job = job("tapis");
            hpc.on("/v3/jobs/" + job[1], StubHttpServer.json(200, tapisAnswer(job[1], "RUNNING")));

            HttpResponse<String> response = event(job[0], job[1], "FINISHED");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode read = Http.json(service.get("/secured/jobs/" + job[0]));
            assertThat(read.get("status").asText()).isEqualTo("Running");
            assertThat(read.has("end_date")).isFalse();
            JsonNode update = read.get("history").get(0);
            assertThat(update.get("remote_status").asText()).isEqualTo("RUNNING");
            assertThat(update.get("claimed_status").asText()).isEqualTo("FINISHED");
            assertThat(update.get("basis").asText()).isEqualTo("pulled");
        }

        @Test
        void aFailedReadIsStoredAnswered200AndRetriedInTheBackground() {
            String[] job = job("tapis");
            hpc.on("/v3/jobs/" + job[1], StubHttpServer.json(503, "{\"status\":\"error\"}"));

            HttpResponse<String> response = event(job[0], job[1], "FINISHED");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(status(job[0])).isEqualTo("Submitted");
            assertThat(database.count("SELECT count(*) FROM hpc_lookup_retries WHERE job_id = CAST(? AS uuid)", job[0]))
                    .isEqualTo(1);
        }

        @Test
        void anEventForAnotherTapisJobIsABadRequest() {
            String[] job = job("tapis");

            assertThat(event(job[0], "some-other-job", "FINISHED").statusCode()).isEqualTo(400);
            assertThat(status(job[0])).isEqualTo("Submitted");
        }

        @Test
        void tapisLookupsUseTheTapisTokenHeader() {
            String[] job = job("tapis");
            hpc.on("/v3/jobs/" + job[1], StubHttpServer.json(200, "{\"status\":\"success\",\"result\":{\"uuid\":\""
                    + job[1] + "\",\"status\":\"RUNNING\",\"created\":\"2026-11-22T10:00:00Z\"}}"));

            assertThat(agaveCallback(job[0]).statusCode()).isEqualTo(200);

            assertThat(hpc.requestsTo("/v3/jobs/" + job[1])).singleElement()
                    .satisfies(request -> assertThat(request.header("X-Tapis-Token")).isEqualTo(token));
            assertThat(status(job[0])).isEqualTo("Running");
        }
    }
}
