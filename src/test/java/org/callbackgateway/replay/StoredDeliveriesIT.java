package org.callbackgateway.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.callbackgateway.callbacks.SignedDelivery;
import org.callbackgateway.config.ConfigSource;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.NewJob;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.ClockedGateway;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.callbackgateway.web.GatewayApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search and replay of stored deliveries over HTTP, on a real database, with a second instance for the bulk
 * replay's claims.
 */
class StoredDeliveriesIT {
    private static final String NOTIFICATION_BODY = "{\"type\":\"analysis\",\"payload\":{\"action\":\"job_status_change\","
            + "\"id\":\"%s\",\"status\":\"Running\",\"enddate\":\"\"}}";

    private static TestDatabase database;
    private static ClockedGateway gateway;
    private static ApiClient admin;
    private static JobService jobs;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("stored_deliveries_it");
        gateway = ClockedGateway.start(TestSettings.gatewayWithAdmin(database.url()), Clock.systemUTC());
        admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
        jobs = new JobService(database.jdbi(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
    }

    private static HttpResponse<String> notify(String externalId) {
        return Http.send(java.net.http.HttpRequest.newBuilder(gateway.baseUri().resolve("/callbacks/notification"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(NOTIFICATION_BODY.formatted(externalId))));
    }

    private static JsonNode search(String query) {
        HttpResponse<String> response = admin.get("/secured/deliveries?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).get("deliveries");
    }

    private static void assertEnvelope(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = Http.json(response);
        assertThat(body.get("success").asBoolean(true)).isFalse();
        assertThat(body.get("error_code").asText()).isEqualTo(code);
    }

    @Test
    void aNotFoundNotificationReplayedAfterTheJobIsRegisteredMovesTheJob() {
        assertThat(notify("LATE-JOB-1").statusCode()).isEqualTo(404);
        JsonNode stored = search("source=notification&outcome=not_found&payload.payload.id=LATE-JOB-1");
        assertThat(stored).hasSize(1);
        long original = stored.get(0).get("id").asLong();
        Job job = jobs.register(new NewJob("de", Optional.of("LATE-JOB-1"), "snow-dog", "wc_10081655",
                Optional.of("wc"), JobStatus.SUBMITTED, Optional.empty(), false));

        HttpResponse<String> replayed = admin.post("/admin/deliveries/" + original + "/replay", "{}");

        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        JsonNode replay = Http.json(replayed).get("replay");
        assertThat(replay.get("processing").asText()).isEqualTo("applied");
        assertThat(replay.get("replay_of").asLong()).isEqualTo(original);
        assertThat(replay.get("mode").asText()).isEqualTo("verify");
        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        JsonNode row = Http.json(admin.get("/secured/deliveries/" + replay.get("delivery_id").asLong()));
        assertThat(row.get("replay_of").asLong()).isEqualTo(original);
        assertThat(row.get("job_id").asText()).isEqualTo(job.id().toString());

        // The same status again is not a forward move: ignored, and recorded as such.
        JsonNode again = Http.json(admin.post("/admin/deliveries/" + original + "/replay", "{}")).get("replay");
        assertThat(again.get("processing").asText()).isEqualTo("ignored");
        assertThat(database.count("SELECT count(*) FROM job_status_updates WHERE job_id = ? AND outcome = 'ignored'",
                job.id())).isEqualTo(1);
    }

    @Test
    void aReplayedForgedDeliveryIsStillRejectedAndAGenuineOneIsADuplicate() {
        assertThat(admin.post("/admin/sources", "{\"name\":\"github\"}").statusCode()).isEqualTo(201);
        String secret = LeakWatch.remember(Http.json(admin.post("/admin/sources/github/secrets", "{}"))
                .get("secret").asText());
        String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"snow-dog/wc\","
                + "\"html_url\":\"https://github.com/snow-dog/wc\"}}";
        assertThat(SignedDelivery.github().body(body).secret(secret).deliveryId("forged-1").tampered()
                .send(gateway.baseUri()).statusCode()).isEqualTo(401);
        assertThat(SignedDelivery.github().body(body).secret(secret).deliveryId("genuine-1")
                .send(gateway.baseUri()).statusCode()).isEqualTo(200);
        long forged = search("source=github&outcome=rejected").get(0).get("id").asLong();
        JsonNode genuine = search("source=github&delivery=genuine-1");
        assertThat(genuine).hasSize(1);

        JsonNode replay = Http.json(admin.post("/admin/deliveries/" + forged + "/replay", "{}")).get("replay");
        assertThat(replay.get("verification").asText()).isEqualTo("rejected");
        assertThat(replay.get("detail").asText()).startsWith("replay of delivery " + forged + ":");
        assertEnvelope(admin.post("/admin/deliveries/" + forged + "/replay", "{\"verification\":\"trust\"}"),
                409, "ERR_CONFLICT");
        assertThat(search("source=github&outcome=verified&payload.repository.full_name=snow-dog/wc")).hasSize(1);

        long original = genuine.get(0).get("id").asLong();
        JsonNode verified = Http.json(admin.post("/admin/deliveries/" + original + "/replay", "{}")).get("replay");
        assertThat(verified.get("verification").asText()).isEqualTo("verified");
        assertThat(verified.get("detail").asText()).contains("verified again");
        assertThat(verified.get("duplicate").asBoolean()).isTrue();
        JsonNode trusted = Http.json(admin.post("/admin/deliveries/" + original + "/replay",
                "{\"verification\":\"trust\"}")).get("replay");
        assertThat(trusted.get("mode").asText()).isEqualTo("trust");
        assertThat(trusted.get("detail").asText()).contains("trusted its verification");
        // The search by delivery id finds the original and its repeats.
        assertThat(search("delivery=genuine-1")).hasSize(3);
        assertThat(search("source=github&event_type=push&delivery=genuine-1")).hasSize(3);
    }

    @Test
    void bulkReplayOverTenThousandDeliveriesReportsProgressAndCanBeCancelled() throws Exception {
        insertNotFound("bulk-missing", 10_000);
        HttpResponse<String> started = admin.post("/admin/deliveries/replay",
                "{\"filter\":{\"source\":\"notification\",\"outcome\":\"not_found\",\"payload.payload.id\":\"bulk-missing\"}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String run = Http.json(started).get("id").asText();
        assertThat(Http.json(started).get("total").asInt()).isEqualTo(10_000);

        JsonNode progress = waitFor(run, node -> node.get("done").asLong() >= 100);
        assertThat(progress.get("state").asText()).isEqualTo("running");
        assertThat(progress.get("done").asLong()).isLessThan(10_000);
        HttpResponse<String> cancelled = admin.post("/admin/replays/" + run + "/cancel", "{}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(Http.json(cancelled).get("state").asText()).isEqualTo("cancelled");
        Thread.sleep(3_000);

        JsonNode after = Http.json(admin.get("/admin/replays/" + run));
        long done = after.get("done").asLong();
        assertThat(done).isGreaterThanOrEqualTo(100).isLessThan(10_000);
        assertThat(after.get("pending").asLong()).isEqualTo(10_000 - done);
        assertThat(after.get("outcomes").get("not_found").asLong()).isEqualTo(done);
        Thread.sleep(2_500);
        assertThat(Http.json(admin.get("/admin/replays/" + run)).get("done").asLong()).isEqualTo(done);
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE replay_run = CAST(? AS uuid)", run))
                .isEqualTo(done);
        // Cancelling again changes nothing and says so.
        HttpResponse<String> again = admin.post("/admin/replays/" + run + "/cancel", "{}");
        assertThat(Http.json(again).get("done").asLong()).isEqualTo(done);
    }

    @Test
    void twoInstancesNeverReplayOneDeliveryTwice() throws Exception {
        insertNotFound("shared-missing", 500);
        try (GatewayApplication second = GatewayApplication.start(
                GatewayConfig.load(ConfigSource.of(TestSettings.gatewayWithAdmin(database.url()))), Clock.systemUTC())) {
            HttpResponse<String> started = admin.post("/admin/deliveries/replay",
                    "{\"filter\":{\"payload.payload.id\":\"shared-missing\"}}");
            String run = Http.json(started).get("id").asText();
            List<CompletableFuture<Integer>> rounds = new ArrayList<>();
            for (GatewayApplication instance : List.of(gateway.application(), second)) {
                rounds.add(CompletableFuture.supplyAsync(() -> instance.module(ReplayModule.class).worker().tick()));
            }
            for (CompletableFuture<Integer> round : rounds) {
                round.get();
            }
            JsonNode finished = waitFor(run, node -> node.get("state").asText().equals("finished"));

            assertThat(finished.get("done").asLong()).isEqualTo(500);
            assertThat(rounds).allSatisfy(round -> assertThat(round.join()).isPositive());
            assertThat(database.count("SELECT count(*) FROM deliveries WHERE replay_run = CAST(? AS uuid)", run))
                    .isEqualTo(500);
            assertThat(database.count("SELECT count(DISTINCT replay_of) FROM deliveries WHERE replay_run = CAST(? AS uuid)",
                    run)).isEqualTo(500);
        }
    }

    @Test
    void badFiltersAndRequestsAnswer4xxWithTheEnvelope() {
        for (String query : List.of("job=not-a-uuid", "since=yesterday", "until=%2B100000-01-01T00:00:00Z",
                "outcome=lost", "colour=red", "payload.a..b=1", "payload=%5B1%5D", "cursor=abc", "limit=0",
                "since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z")) {
            assertEnvelope(admin.get("/secured/deliveries?" + query), 400, "ERR_ILLEGAL_ARGUMENT");
        }
        // NUL in any query parameter is refused at the boundary, before the filters are read.
        assertEnvelope(admin.get("/secured/deliveries?event_type=a%00b"), 400, "ERR_BAD_REQUEST");
        assertThat(search("payload=" + URLEncoder.encode("{\"payload\":{\"id\":\"nobody\"}}", StandardCharsets.UTF_8)))
                .isEmpty();
        assertEnvelope(admin.post("/admin/deliveries/999999999/replay", "{}"), 404, "ERR_NOT_FOUND");
        assertEnvelope(admin.post("/admin/deliveries/1/replay", "{\"verification\":\"maybe\"}"), 400,
                "ERR_ILLEGAL_ARGUMENT");
        assertEnvelope(admin.post("/admin/deliveries/1/replay", "[1]"), 400, "ERR_BAD_REQUEST");
        assertEnvelope(admin.post("/admin/deliveries/replay", "{}"), 400, "ERR_ILLEGAL_ARGUMENT");
        assertEnvelope(admin.post("/admin/deliveries/replay", "{\"filter\":{\"job\":7}}"), 400, "ERR_ILLEGAL_ARGUMENT");
        assertEnvelope(admin.get("/admin/replays/not-a-run"), 404, "ERR_NOT_FOUND");
        assertEnvelope(new ApiClient(gateway.baseUri(), null).post("/admin/deliveries/1/replay", "{}"), 401,
                "ERR_UNAUTHORIZED");
    }

    private static void insertNotFound(String jobId, int count) {
        database.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO deliveries (source, content_type, body, body_size, payload, verification, processing,
                                                processing_detail, received_at)
                        SELECT 'notification', 'application/json', convert_to(:body, 'UTF8'), length(:body),
                               CAST(:body AS jsonb), 'unsigned', 'not_found', 'job not found', now()
                          FROM generate_series(1, :count)
                        """)
                .bind("body", NOTIFICATION_BODY.formatted(jobId)).bind("count", count).execute());
    }

    private static JsonNode waitFor(String run, java.util.function.Predicate<JsonNode> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        JsonNode progress;
        do {
            progress = Http.json(admin.get("/admin/replays/" + run));
            if (condition.test(progress)) {
                return progress;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("replay " + run + " did not get there: " + progress);
    }
}
