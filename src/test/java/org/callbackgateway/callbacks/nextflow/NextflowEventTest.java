package org.callbackgateway.callbacks.nextflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Weblog events shaped as nf-weblog's WebLogObserver.sendHttpMessage builds them. */
class NextflowEventTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static NextflowEvent parse(String json) {
        return NextflowEvent.parse(json.getBytes(StandardCharsets.UTF_8), MAPPER);
    }

    @Test
    void aTaskEventIsKeyedByRunEventAndTask() {
        NextflowEvent event = parse("""
                {"runName": "friendly_pesquet", "runId": "170aa09c-105f-49d0-99b4-8eb6a146e4a7",
                 "event": "process_completed", "utcTime": "2018-10-07T11:45:30Z",
                 "trace": {"task_id": 2, "status": "COMPLETED", "hash": "a1/0024fd", "name": "make_ot_config",
                           "exit": 0, "process": "make_ot_config"}}
                """);

        assertThat(event.isTaskEvent()).isTrue();
        assertThat(event.deliveryKey()).isEqualTo("170aa09c-105f-49d0-99b4-8eb6a146e4a7:process_completed:2");
        assertThat(event.utcTime()).contains(Instant.parse("2018-10-07T11:45:30Z"));
        assertThat(NextflowProgress.state(event)).isEqualTo("completed");
    }

    @ParameterizedTest(name = "{0} success={1} -> {2}")
    @CsvSource({"started, false, RUNNING", "completed, true, COMPLETED", "completed, false, FAILED",
            "error, false, FAILED"})
    void runEventsMapOntoTheStatusModel(String name, boolean success, JobStatus expected) {
        NextflowEvent event = parse("{\"runName\": \"r\", \"runId\": \"id-1\", \"event\": \"" + name + "\","
                + " \"utcTime\": \"2018-10-07T11:42:08Z\", \"metadata\": {\"parameters\": {}, \"workflow\": {\"success\": "
                + success + "}}}");

        assertThat(NextflowService.target(event)).contains(expected);
        assertThat(event.deliveryKey()).isEqualTo("id-1:" + name);
    }

    @Test
    void aFailedTaskCountsAsFailed() {
        NextflowEvent event = parse("{\"runId\": \"r\", \"event\": \"process_completed\","
                + " \"trace\": {\"task_id\": 7, \"status\": \"FAILED\", \"exit\": 1}}");

        assertThat(NextflowProgress.state(event)).isEqualTo("failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{}", "{\"runId\": \"r\"}", "{\"runId\": \"r\", \"event\": \"finished\"}",
            "{\"runId\": \"r\", \"event\": \"process_started\"}",
            "{\"runId\": \"r\", \"event\": \"process_started\", \"trace\": {\"task_id\": \"x\"}}", "not json"})
    void whatIsNotAWeblogEventIs400(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }
}
