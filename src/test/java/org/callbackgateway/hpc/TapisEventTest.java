package org.callbackgateway.hpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.callbackgateway.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TapisEventTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static TapisEvent parse(String json) {
        return TapisEvent.parse(json.getBytes(StandardCharsets.UTF_8), MAPPER);
    }

    @Test
    void parseReadsTheJobAndStatusFromTheDataString() {
        TapisEvent event = parse("""
                {"event": {"type": "jobs.JOB_NEW_STATUS.FINISHED", "timestamp": "2026-11-22T10:00:00.5Z",
                  "data": "{\\"jobUuid\\": \\"a1b2-007\\", \\"newJobStatus\\": \\"FINISHED\\", \\"oldJobStatus\\": \\"ARCHIVING\\"}"}}
                """);

        assertThat(event.jobUuid()).contains("a1b2-007");
        assertThat(event.status()).contains("FINISHED");
        assertThat(event.ignoredBecause()).isEmpty();
        assertThat(event.timestamp()).contains(Instant.parse("2026-11-22T10:00:00.5Z"));
    }

    @Test
    void parseTakesTheStatusFromTheTypeWhenTheDataHasNone() {
        TapisEvent event = parse("{\"event\": {\"type\": \"jobs.JOB_NEW_STATUS.RUNNING\", \"data\": {\"jobUuid\": \"x\"}}}");

        assertThat(event.status()).contains("RUNNING");
        assertThat(event.timestamp()).isEmpty();
    }

    @Test
    void parseReadsTheOrderAndTakesTheJobFromTheSubjectWhenDataIsNull() {
        TapisEvent event = parse("""
                {"uuid": "n-1", "event": {"type": "jobs.JOB_NEW_STATUS.QUEUED", "subject": "a1b2-007", "data": null,
                 "seriesId": "a1b2-007", "seriesSeqCount": 4}}
                """);

        assertThat(event.jobUuid()).contains("a1b2-007");
        assertThat(event.status()).contains("QUEUED");
        assertThat(event.seriesSeqCount()).hasValue(4);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"event\": {\"type\": \"notifications.test.begin\", \"data\": null}} | a Tapis notifications test event",
            "{\"event\": {\"type\": \"notifications.test.number002\"}} | a Tapis notifications test event",
            "{\"event\": {\"type\": \"jobs.JOB_USER_EVENT.note\", \"data\": \"free text, no job\"}} | a Tapis job user event: its data is the user's own",
            "{\"event\": {\"type\": \"jobs.JOB_ERROR_MESSAGE.FAILED\", \"data\": null}} | jobs.JOB_ERROR_MESSAGE.FAILED is not a job status change",
    })
    void wellFormedEventsThatAreNoStatusChangeAreIgnoredWithTheReason(String json, String reason) {
        assertThat(parse(json).ignoredBecause()).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "[]",
            "{\"event\": 1}",
            "{\"event\": {\"type\": \"jobs.JOB_USER_EVENT\", \"data\": {\"jobUuid\": \"x\"}}}",
            "{\"event\": {\"type\": \"jobs.JOB_NEW_STATUS.RUNNING\", \"data\": \"not json\"}}",
            "{\"event\": {\"type\": \"jobs.JOB_NEW_STATUS.RUNNING\", \"data\": {}}}",
            "{\"event\": {\"type\": \"jobs.JOB_NEW_STATUS.\", \"data\": {\"jobUuid\": \"x\"}}}",
            "not json at all",
    })
    void parseRefusesMalformedEventsWith400(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }
}
