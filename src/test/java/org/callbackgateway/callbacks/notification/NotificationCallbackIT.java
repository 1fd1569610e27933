package org.callbackgateway.callbacks.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.NewJob;
import org.callbackgateway.jobs.StatusUpdate;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.Seeds;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationCallbackIT {
    private static final int CAP = 64 * 1024;

    private static TestDatabase database;
    private static GatewayServer gateway;
    private static JobService jobs;
    private static JobStatusService statuses;
    private static URI endpoint;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("notification_it");
        gateway = GatewayServer.start(TestSettings.gateway(database.url(),
                "GATEWAY_MAX_BODY_BYTES", Integer.toString(CAP)));
        jobs = new JobService(database.jdbi(), Clock.systemUTC());
        statuses = new JobStatusService(database.jdbi(), Clock.systemUTC());
        endpoint = gateway.uri("/callbacks/notification");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
    }

    private static Job deJob(String externalId) {
        return jobs.register(new NewJob("de", Optional.ofNullable(externalId), "snow-dog", "wc_10081655",
                Optional.of("wc"), JobStatus.SUBMITTED, Optional.empty(), false));
    }

    private static long deliveries(String processing) {
        return database.count("SELECT count(*) FROM deliveries WHERE source = 'notification' AND processing = ?",
                processing);
    }

    private static void assertEnvelope(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = Http.json(response);
        assertThat(body.get("success").asBoolean(true)).isFalse();
        assertThat(body.get("error_code").asText()).isEqualTo(code);
        if (message != null) {
            assertThat(body.get("message").asText()).isEqualTo(message);
        }
    }

    @Nested
    class StatusChange {

        @Test
        void seedSampleForUnknownJobAnswers404AndStoresTheDelivery() {
            long before = deliveries("not_found");

            HttpResponse<String> response = Http.postJson(endpoint, Seeds.notification());

            assertEnvelope(response, 404, "ERR_NOT_FOUND", "job 29E3A5C8-EAD4-4F79-B450-A2FEF6548C30 not found");
            assertThat(deliveries("not_found")).isEqualTo(before + 1);
            byte[] stored = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT body FROM deliveries WHERE processing = 'not_found' ORDER BY id DESC LIMIT 1")
                    .mapTo(byte[].class).one());
            assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo(Seeds.notification());
        }

        @Test
        void movesJobNamedByInternalIdAndRecordsHistory() {
            Job job = deJob(null);

            HttpResponse<String> response = Http.postJson(endpoint,
                    Seeds.notification(job.id().toString(), "Running", ""));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Http.json(response).get("success").asBoolean()).isTrue();
            Job running = jobs.find(job.id()).orElseThrow();
            assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(running.startDate()).isEqualTo(Instant.ofEpochMilli(1381276613284L));
            assertThat(statuses.history(job.id())).singleElement().satisfies(update -> {
                assertThat(update.outcome()).isEqualTo(StatusUpdate.Outcome.APPLIED);
                assertThat(update.origin()).isEqualTo("notification");
                assertThat(update.deliveryId()).isNotNull();
            });
        }

        @Test
        void theDesOtherStatusesAreAppliedByRank() {
            Job job = jobs.register(new NewJob("de", Optional.empty(), "snow-dog", "wc_10081655", Optional.of("wc"),
                    JobStatus.PENDING, Optional.empty(), false));
            String id = job.id().toString();

            // The DE's seed message, with each status the apps service knows, in the order a job reports them.
            for (String status : new String[] {"Submitted", "Idle", "Running", "ImpendingCancellation", "Canceled"}) {
                assertThat(Http.postJson(endpoint, Seeds.notification(id, status, "")).statusCode()).isEqualTo(200);
            }

            assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELED);
            assertThat(statuses.history(job.id())).extracting(StatusUpdate::reason).containsExactly(null, null, null,
                    "not a forward move from Running", null);
        }

        @Test
        void movesJobNamedByExternalIdAndSetsTheEndDate() {
            String externalId = "job-" + UUID.randomUUID();
            Job job = deJob(externalId);

            HttpResponse<String> response = Http.postJson(endpoint,
                    Seeds.notification(externalId, "Completed", "1381280000000"));

            assertThat(response.statusCode()).isEqualTo(200);
            Job completed = jobs.find(job.id()).orElseThrow();
            assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(completed.endDate()).isEqualTo(Instant.ofEpochMilli(1381280000000L));
        }

        @Test
        void repeatedAndBackwardUpdatesChangeNothingAndAreRecordedAsIgnored() {
            Job job = deJob(null);
            String id = job.id().toString();

            Http.postJson(endpoint, Seeds.notification(id, "Running", ""));
            HttpResponse<String> repeated = Http.postJson(endpoint, Seeds.notification(id, "Running", ""));
            HttpResponse<String> backward = Http.postJson(endpoint, Seeds.notification(id, "Submitted", ""));

            assertThat(repeated.statusCode()).isEqualTo(200);
            assertThat(backward.statusCode()).isEqualTo(200);
            assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
            assertThat(statuses.history(job.id())).extracting(StatusUpdate::outcome).containsExactly(
                    StatusUpdate.Outcome.APPLIED, StatusUpdate.Outcome.IGNORED, StatusUpdate.Outcome.IGNORED);
        }

        @Test
        void terminalJobNeverChangesAgain() {
            Job job = deJob(null);
            String id = job.id().toString();

            Http.postJson(endpoint, Seeds.notification(id, "Failed", "1381280000000"));
            Http.postJson(endpoint, Seeds.notification(id, "Completed", "1381290000000"));

            Job failed = jobs.find(job.id()).orElseThrow();
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.endDate()).isEqualTo(Instant.ofEpochMilli(1381280000000L));
        }

        @Test
        void acceptsTheFormContentTypeThatCurlDashDSends() {
            Job job = deJob(null);

            HttpResponse<String> response = Http.post(endpoint, "application/x-www-form-urlencoded",
                    Seeds.notification(job.id().toString(), "Running", "").getBytes(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        }
    }

    @Nested
    class OtherNotifications {
        @Test
        void areStoredAndIgnored() {
            long before = deliveries("ignored");

            HttpResponse<String> response = Http.postJson(endpoint,
                    "{\"type\":\"data\",\"user\":\"snow-dog\",\"payload\":{\"action\":\"share\"}}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Http.json(response).get("success").asBoolean()).isTrue();
            assertThat(deliveries("ignored")).isEqualTo(before + 1);
        }
    }

    @Nested
    class BadInput {
        @ParameterizedTest
        @ValueSource(strings = {"{\"payload\": ", "[1, 2]", "\"text\"", "42", "null", "{} {}"})
        void unreadableBodyAnswers400AndIsStoredAsInvalid(String body) {
            long before = deliveries("invalid");

            HttpResponse<String> response = Http.postJson(endpoint, body);

            assertEnvelope(response, 400, "ERR_BAD_REQUEST", null);
            assertThat(deliveries("invalid")).isEqualTo(before + 1);
        }

        @Test
        void emptyBodyAnswers400() {
            assertEnvelope(Http.postJson(endpoint, ""), 400, "ERR_BAD_REQUEST",
                    "the request body is empty; a JSON object is required");
        }

        @Test
        void wrongContentTypeAnswers400() {
            assertEnvelope(Http.post(endpoint, "text/xml", "<a/>".getBytes(StandardCharsets.UTF_8)), 400,
                    "ERR_BAD_REQUEST", "unsupported content type 'text/xml': send application/json");
        }

        @Test
        void missingContentTypeAnswers400() {
            assertEnvelope(Http.post(endpoint, null, Seeds.notification().getBytes(StandardCharsets.UTF_8)), 400,
                    "ERR_BAD_REQUEST", null);
        }

        @Test
        void statusChangeWithoutStatusAnswers400() {
            String body = "{\"payload\":{\"action\":\"job_status_change\",\"id\":\"abc\"}}";

            assertEnvelope(Http.postJson(endpoint, body), 400, "ERR_BAD_REQUEST",
                    "payload.status is required for job_status_change");
        }

        @Test
        void statusChangeWithNonNumericEndDateAnswers400() {
            assertEnvelope(Http.postJson(endpoint, Seeds.notification("abc", "Completed", "yesterday")), 400,
                    "ERR_BAD_REQUEST", "payload.enddate must be epoch milliseconds");
        }

        @Test
        void statusChangeWithEndDateOutOfRangeAnswers400() {
            assertEnvelope(Http.postJson(endpoint, Seeds.notification("abc", "Completed", "9223372036854775807")),
                    400, "ERR_BAD_REQUEST", "payload.enddate is out of range");
        }

        @Test
        void payloadThatIsNotAnObjectAnswers400() {
            assertEnvelope(Http.postJson(endpoint, "{\"payload\": [1]}"), 400, "ERR_BAD_REQUEST",
                    "payload must be a JSON object");
        }

        @Test
        void bodyOverTheCapAnswers413AndIsRecordedWithoutItsBody() {
            long before = deliveries("too_large");
            byte[] body = new byte[CAP + 1];

            assertEnvelope(Http.post(endpoint, "application/json", body), 413, "ERR_PAYLOAD_TOO_LARGE", null);
            assertThat(deliveries("too_large")).isEqualTo(before + 1);
            assertThat(database.count("SELECT count(*) FROM deliveries WHERE processing = 'too_large' AND body IS NOT NULL"))
                    .isZero();
        }

        @Test
        void chunkedBodyOverTheCapAnswers413() {
            // A publisher of unknown length makes the JDK client send the body chunked, without Content-Length.
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(new byte[CAP * 2])));

            assertEnvelope(Http.send(request), 413, "ERR_PAYLOAD_TOO_LARGE", null);
        }
    }

    @Nested
    class Envelope {
        @Test
        void unknownPathAnswers404Envelope() {
            assertEnvelope(Http.get(gateway.uri("/no/such/thing")), 404, "ERR_NOT_FOUND", null);
        }

        @Test
        void wrongMethodAnswers405Envelope() {
            HttpResponse<String> response = Http.get(endpoint);

            assertEnvelope(response, 405, "ERR_NOT_ALLOWED", null);
            assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(
                    allow -> assertThat(allow).contains("POST"));
        }

        @Test
        void metricsExposeRequestTimersByRouteAndThePool() {
            Http.postJson(endpoint, "{\"type\":\"data\"}");

            HttpResponse<String> response = Http.get(gateway.uri("/metrics"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(response.body())
                    .contains("http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/callbacks/notification\"}")
                    .contains("hikaricp_connections")
                    .contains("jvm_memory_used_bytes");
        }

        @Test
        void openApiDescribesTheEndpoints() {
            HttpResponse<String> response = Http.get(gateway.uri("/openapi.json"));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode document = Http.json(response);
            assertThat(document.get("openapi").asText()).startsWith("3.0");
            assertThat(document.get("paths").has("/callbacks/notification")).isTrue();
            assertThat(document.get("paths").has("/secured/jobs/{id}")).isTrue();
        }

        @Test
        void healthzAnswersOk() {
            HttpResponse<String> response = Http.get(gateway.uri("/healthz"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Http.json(response).get("status").asText()).isEqualTo("ok");
        }

        @Test
        void readyzAnswersReadyWhenMigrated() {
            HttpResponse<String> response = Http.get(gateway.uri("/readyz"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Http.json(response).get("status").asText()).isEqualTo("ready");
        }
    }
}
