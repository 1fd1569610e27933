package org.callbackgateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteStatusesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ACCEPTED, SUBMITTED",
            "PENDING, SUBMITTED",
            "STAGING_INPUTS, SUBMITTED",
            "STAGING_JOB, SUBMITTED",
            "QUEUED, SUBMITTED",
            "SUBMITTING, SUBMITTED",
            "SUBMITTING_JOB, SUBMITTED",
            "STAGED, SUBMITTED",
            "PROCESSING_INPUTS, SUBMITTED",
            "RUNNING, RUNNING",
            "CLEANING_UP, RUNNING",
            "ARCHIVING, RUNNING",
            "PAUSED, RUNNING",
            "BLOCKED, RUNNING",
            "FINISHED, COMPLETED",
            "ARCHIVING_FINISHED, COMPLETED",
            "FAILED, FAILED",
            "KILLED, FAILED",
            "STOPPED, FAILED",
            "ARCHIVING_FAILED, FAILED",
            "CANCELLED, CANCELED",
    })
    void mapsEveryHpcStatusAsTheDeDid(String remote, JobStatus expected) {
        assertThat(RemoteStatuses.fromHpc(remote)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"finished", " Running "})
    void mapsIgnoringCaseAndSpace(String remote) {
        assertThat(RemoteStatuses.fromHpc(remote)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "HELD", "COMPLETE", "Completed"})
    void leavesUnknownStatusUnmapped(String remote) {
        assertThat(RemoteStatuses.fromHpc(remote)).isEmpty();
    }
}
