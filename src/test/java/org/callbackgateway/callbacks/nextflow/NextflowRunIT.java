package org.callbackgateway.callbacks.nextflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * A Nextflow run reported by {@code -with-weblog}, its events shaped as nf-weblog's {@code WebLogObserver} sends
 * them ({@code {runName, runId, event, utcTime, trace | metadata}}, times as {@code yyyy-MM-dd'T'HH:mm:ss'Z'},
 * {@code metadata = {parameters, workflow}}, {@code trace} = the task's TraceRecord; the field values follow the
 * plugin's README examples), with {@code weblog.basicToken} sent as HTTP Basic.
 */
class NextflowRunIT {
    private static final String RUN_ID = "170aa09c-105f-49d0-99b4-8eb6a146e4a7";

    private static TestDatabase database;
    private static GatewayServer gateway;
    private static ApiClient service;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("nextflow_it");
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

    private static JsonNode register(boolean credentials) {
        HttpResponse<String> created = service.post("/secured/jobs?user=snow-dog",
                "{\"source\":\"nextflow\",\"name\":\"nf-core/hlatyping\",\"callback_credentials\":" + credentials + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        return Http.json(created);
    }

    private static String flowEvent(String runId, String event, String utcTime, Boolean success, String complete) {
        return """
                {"runName": "friendly_pesquet", "runId": "%s", "event": "%s", "utcTime": "%s",
                 "metadata": {"parameters": {"reads": "data/test*{1,2}.fq.gz", "outdir": "results", "seqtype": "dna"},
                  "workflow": {"start": "2018-10-07T11:42:08Z", "projectDir": "/home/sven1103/.nextflow/assets/nf-core/hlatyping",
                   "manifest": {"nextflowVersion": ">=18.10.1", "version": "1.1.4", "name": "nf-core/hlatyping",
                                "mainScript": "main.nf"},
                   "complete": %s, "profile": "docker,test", "workDir": "/home/sven1103/work",
                   "commitId": "4bcced898ee23600bd8c249ff085f8f88db90e7c", "errorMessage": null,
                   "runName": "friendly_pesquet", "sessionId": "%s", "exitStatus": %s,
                   "commandLine": "nextflow run nf-core/hlatyping -profile docker,test -with-weblog",
                   "stats": {"succeedCount": 0, "failedCount": 0, "cachedCount": 0, "ignoredCount": 0},
                   "resume": false, "success": %s, "scriptName": "main.nf", "duration": null,
                   "nextflow": {"version": "19.03.0-edge", "build": 5137, "timestamp": "2019-03-28T14:46:55Z"}}}}
                """.formatted(runId, event, utcTime, complete == null ? "null" : "\"" + complete + "\"", runId,
                complete == null ? "null" : "0", success);
    }

    private static String taskEvent(String runId, String event, int taskId, String status, String utcTime) {
        return """
                {"runName": "friendly_pesquet", "runId": "%s", "event": "%s", "utcTime": "%s",
                 "trace": {"task_id": %d, "status": "%s", "hash": "a1/0024fd", "name": "make_ot_config (%d)",
                  "exit": %s, "submit": 1538912529498, "start": 1538912529629, "process": "make_ot_config",
                  "tag": null, "module": [], "container": "nfcore/hlatyping:1.1.1", "attempt": 1,
                  "script": "\\n    configbuilder --max-cpus 2 --solver glpk > config.ini\\n    ",
                  "scratch": null, "workdir": "/home/sven1103/work/a1/0024fd028375e2b601aaed44d112e3", "queue": null,
                  "cpus": 1, "memory": 7516192768, "disk": null, "time": 7200000, "native_id": 27185}}
                """.formatted(runId, event, utcTime, taskId, status, taskId,
                status.equals("COMPLETED") ? "0" : status.equals("FAILED") ? "1" : "2147483647");
    }

    private static HttpResponse<String> post(URI callback, String token, String event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(callback).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        return Http.send(request);
    }

    private static String tasks(JsonNode progress) {
        JsonNode tasks = progress.get("tasks");
        return "submitted " + tasks.get("submitted").asInt() + ", running " + tasks.get("running").asInt()
                + ", completed " + tasks.get("completed").asInt() + ", failed " + tasks.get("failed").asInt();
    }

    private static JsonNode read(String jobId) {
        return Http.json(service.get("/secured/jobs/" + jobId));
    }

    @Test
    void aRunFromStartedThroughItsTasksToCompleted() {
        JsonNode job = register(true);
        String id = job.get("id").asText();
        URI callback = URI.create(job.get("callback_url").asText());
        String token = LeakWatch.remember(job.get("callback_basic_token").asText());
        assertThat(callback.getPath()).isEqualTo("/callbacks/nextflow/" + id);
        assertThat(read(id).has("callback_basic_token")).isFalse();

        assertThat(post(callback, token, flowEvent(RUN_ID, "started", "2018-10-07T11:42:08Z", false, null)).body())
                .isEqualTo("{\"success\":true}");
        assertThat(read(id).get("status").asText()).isEqualTo("Running");
        assertThat(read(id).get("start_date").asText()).isEqualTo("2018-10-07T11:42:08Z");

        post(callback, token, taskEvent(RUN_ID, "process_submitted", 1, "SUBMITTED", "2018-10-07T11:42:09Z"));
        post(callback, token, taskEvent(RUN_ID, "process_submitted", 2, "SUBMITTED", "2018-10-07T11:42:09Z"));
        post(callback, token, taskEvent(RUN_ID, "process_started", 1, "RUNNING", "2018-10-07T11:42:10Z"));
        JsonNode midway = read(id).get("progress");
        assertThat(midway.get("run_id").asText()).isEqualTo(RUN_ID);
        assertThat(tasks(midway)).isEqualTo("submitted 2, running 1, completed 0, failed 0");

        post(callback, token, taskEvent(RUN_ID, "process_completed", 1, "COMPLETED", "2018-10-07T11:45:30Z"));
        HttpResponse<String> repeat = post(callback, token,
                taskEvent(RUN_ID, "process_completed", 1, "COMPLETED", "2018-10-07T11:45:30Z"));
        assertThat(repeat.body()).isEqualTo("{\"success\":true,\"duplicate\":true}");
        post(callback, token, taskEvent(RUN_ID, "process_started", 2, "RUNNING", "2018-10-07T11:45:31Z"));
        post(callback, token, taskEvent(RUN_ID, "process_completed", 2, "COMPLETED", "2018-10-07T11:46:00Z"));
        assertThat(post(callback, token, flowEvent(RUN_ID, "completed", "2018-10-07T11:46:02Z", true,
                "2018-10-07T11:46:01Z")).statusCode()).isEqualTo(200);

        JsonNode done = read(id);
        assertThat(done.get("status").asText()).isEqualTo("Completed");
        assertThat(done.get("end_date").asText()).isEqualTo("2018-10-07T11:46:01Z");
        assertThat(tasks(done.get("progress"))).isEqualTo("submitted 2, running 0, completed 2, failed 0");
        assertThat(done.get("history")).extracting(entry -> entry.get("remote_status").asText())
                .containsExactly("started", "completed");
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE source = 'nextflow' AND job_id = CAST(? AS uuid)"
                + " AND verification = 'verified'", id)).isEqualTo(8);
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE source = 'nextflow' AND delivery_key = ?",
                RUN_ID + ":process_completed:1")).isEqualTo(1);
    }

    @Test
    void aFailingTaskFailsTheRunAndTheLaterCompletedChangesNothing() {
        JsonNode job = register(false);
        String id = job.get("id").asText();
        URI callback = URI.create(job.get("callback_url").asText());
        String runId = UUID.randomUUID().toString();

        post(callback, null, flowEvent(runId, "started", "2018-10-07T11:42:08Z", false, null));
        post(callback, null, taskEvent(runId, "process_submitted", 1, "SUBMITTED", "2018-10-07T11:42:09Z"));
        post(callback, null, taskEvent(runId, "process_completed", 1, "FAILED", "2018-10-07T11:43:00Z"));
        assertThat(post(callback, null, taskEvent(runId, "error", 1, "FAILED", "2018-10-07T11:43:01Z")).statusCode())
                .isEqualTo(200);
        post(callback, null, flowEvent(runId, "completed", "2018-10-07T11:43:02Z", false, "2018-10-07T11:43:02Z"));

        JsonNode failed = read(id);
        assertThat(failed.get("status").asText()).isEqualTo("Failed");
        assertThat(failed.get("end_date").asText()).isEqualTo("2018-10-07T11:43:01Z");
        assertThat(failed.get("progress").get("tasks").get("failed").asInt()).isEqualTo(1);
        assertThat(failed.get("history").get(2).get("reason").asText()).isEqualTo("job is already Failed");
    }

    @Test
    void aJobRegisteredWithCredentialsRefusesRequestsWithoutThem() {
        JsonNode job = register(true);
        LeakWatch.remember(job.get("callback_basic_token").asText());
        URI callback = URI.create(job.get("callback_url").asText());
        String started = flowEvent(RUN_ID, "started", "2018-10-07T11:42:08Z", false, null);

        HttpResponse<String> none = post(callback, null, started);
        HttpResponse<String> wrong = post(callback, "nextflow:not-the-secret", started);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"nextflow\"");
        assertThat(none.body()).isEqualTo(
                "{\"error_code\":\"ERR_UNAUTHORIZED\",\"message\":\"credentials required\",\"success\":false}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(read(job.get("id").asText()).get("status").asText()).isEqualTo("Submitted");
    }

    @Test
    void anUnknownJobIs404AndAnEventThatIsNotNextflowsIs400() {
        URI unknown = gateway.uri("/callbacks/nextflow/" + UUID.randomUUID());
        assertThat(post(unknown, null, flowEvent(RUN_ID, "started", "2018-10-07T11:42:08Z", false, null)).statusCode())
                .isEqualTo(404);

        URI callback = URI.create(register(false).get("callback_url").asText());
        HttpResponse<String> bad = post(callback, null, "{\"runId\":\"r\",\"event\":\"finished\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).get("error_code").asText()).isEqualTo("ERR_BAD_REQUEST");
        assertThat(post(callback, null, "{\"runId\":\"r\",\"event\":\"process_started\",\"trace\":{}}").statusCode())
                .isEqualTo(400);
    }
}
