package org.callbackgateway.hpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
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
 * Tapis v3 notifications when no Tapis API is configured, so that the event body is what the gateway has: the
 * events Tapis sends besides status changes are stored and answered 200 (Tapis retries anything else for a day),
 * and out-of-order delivery is settled by the forward-only rule.
 */
class TapisEventsIT {
    private static TestDatabase database;
    private static GatewayServer gateway;
    private static ApiClient service;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("tapis_events_it");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url()));
        ApiClient admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
        String key = LeakWatch.remember(Http.json(admin.post("/admin/clients",
                "{\"client_id\":\"apps\",\"role\":\"service\"}")).get("client_key").asText());
        service = ApiClient.as(gateway.baseUri(), "apps", key);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
    }

    /** A Tapis job: {gateway id, Tapis uuid}. */
    private static String[] tapisJob() {
        String tapisUuid = UUID.randomUUID() + "-007";
        JsonNode job = Http.json(service.post("/secured/jobs?user=snow-dog",
                "{\"source\":\"tapis\",\"name\":\"wc\",\"external_id\":\"" + tapisUuid + "\"}"));
        return new String[] {job.get("id").asText(), tapisUuid};
    }

    private static URI target(String jobId) {
        return gateway.uri("/callbacks/tapis-job/" + jobId);
    }

    private static HttpResponse<String> status(String[] job, String status, String old, long sequence) {
        return TapisNotifications.post(target(job[0]), TapisNotifications.notification("jobs.JOB_NEW_STATUS." + status,
                job[1], TapisNotifications.statusData(job[1], status, old), sequence, target(job[0])));
    }

    private static JsonNode read(String jobId) {
        return Http.json(service.get("/secured/jobs/" + jobId));
    }

    private static String latestProcessing(String detailColumn) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT " + detailColumn + " FROM deliveries WHERE source = 'tapis-job' ORDER BY id DESC LIMIT 1")
                .mapTo(String.class).one());
    }

    @Test
    void finishedBeforeRunningEndsCompleted() {
        String[] job = tapisJob();

        assertThat(status(job, "FINISHED", "ARCHIVING", 9).statusCode()).isEqualTo(200);
        assertThat(status(job, "RUNNING", "QUEUED", 6).statusCode()).isEqualTo(200);

        JsonNode read = read(job[0]);
        assertThat(read.get("status").asText()).isEqualTo("Completed");
        assertThat(read.get("end_date").asText()).isEqualTo("2026-11-22T12:00:00.123Z");
        assertThat(read.get("history").get(1).get("outcome").asText()).isEqualTo("ignored");
        assertThat(read.get("history").get(1).get("basis").asText()).isEqualTo("reported");
        assertThat(latestProcessing("processing_detail"))
                .isEqualTo("job is already Completed; taken from the event as sent (seriesSeqCount 6)");
    }

    @Test
    void aUserEventIsStoredIgnoredAndAnswered200() {
        String[] job = tapisJob();
        // A JOB_USER_EVENT's data is whatever the user sent: here plain text, with no jobUuid.
        String notification = TapisNotifications.notification("jobs.JOB_USER_EVENT.checkpoint", job[1],
                "step 3 of 7 written", 4, target(job[0]));

        HttpResponse<String> response = TapisNotifications.post(target(job[0]), notification);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"success\":true}");
        assertThat(latestProcessing("processing")).isEqualTo("ignored");
        assertThat(latestProcessing("event_type")).isEqualTo("jobs.JOB_USER_EVENT.checkpoint");
        assertThat(read(job[0]).get("status").asText()).isEqualTo("Submitted");
    }

    @Test
    void anEventWithNullDataIsStoredIgnoredAndAnswered200() {
        String[] job = tapisJob();
        String notification = TapisNotifications.notification("jobs.JOB_SUBSCRIPTION.ADDED", job[1], null, 2,
                target(job[0]));

        assertThat(TapisNotifications.post(target(job[0]), notification).statusCode()).isEqualTo(200);

        assertThat(latestProcessing("processing")).isEqualTo("ignored");
        assertThat(latestProcessing("processing_detail"))
                .isEqualTo("jobs.JOB_SUBSCRIPTION.ADDED is not a job status change (seriesSeqCount 2)");
    }

    @Test
    void theSubscriptionTestEventIsAnswered200EvenForNoJobOfOurs() {
        URI anyJob = target(UUID.randomUUID().toString());

        HttpResponse<String> response = TapisNotifications.post(anyJob, TapisNotifications.testBegin(anyJob));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(latestProcessing("processing_detail")).startsWith("a Tapis notifications test event");
    }

    @Test
    void aStatusEventWithNullDataTakesTheJobFromTheSubject() {
        String[] job = tapisJob();
        String notification = TapisNotifications.notification("jobs.JOB_NEW_STATUS.RUNNING", job[1], null, 5,
                target(job[0]));

        assertThat(TapisNotifications.post(target(job[0]), notification).statusCode()).isEqualTo(200);

        assertThat(read(job[0]).get("status").asText()).isEqualTo("Running");
    }

    @Test
    void whatIsNotATapisEventIsStill400() {
        String[] job = tapisJob();

        HttpResponse<String> response = TapisNotifications.post(target(job[0]), "{\"event\":{\"type\":\"FINISHED\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("ERR_BAD_REQUEST");
        assertThat(latestProcessing("processing")).isEqualTo("invalid");
    }
}
