package org.callbackgateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteStatusesTest {

    /** Every value of Agave v2's JobStatusType (org.iplantc.service.jobs.model.enumerations), in its order. */
    @ParameterizedTest(name = "Agave {0} -> {1}")
    @CsvSource({
            "PAUSED, RUNNING",
            "PENDING, SUBMITTED",
            "PROCESSING_INPUTS, SUBMITTED",
            "STAGING_INPUTS, SUBMITTED",
            "STAGED, SUBMITTED",
            "STAGING_JOB, SUBMITTED",
            "SUBMITTING, SUBMITTED",
            "QUEUED, SUBMITTED",
            "RUNNING, RUNNING",
            "CLEANING_UP, RUNNING",
            "ARCHIVING, RUNNING",
            "ARCHIVING_FINISHED, COMPLETED",
            "ARCHIVING_FAILED, FAILED",
            "FINISHED, COMPLETED",
            "KILLED, FAILED",
            "STOPPED, FAILED",
            "FAILED, FAILED",
            "HEARTBEAT, RUNNING",
            "ROLLINGBACK, SUBMITTED",
            // Not in the enum, but in real Agave job records.
            "STAGING, SUBMITTED",
    })
    void mapsEveryAgaveStatus(String remote, JobStatus expected) {
        assertThat(RemoteStatuses.fromHpc(remote)).contains(expected);
    }

    /** Every value of Tapis v3's JobStatusType (edu.utexas.tacc.tapis.jobs.model.enumerations), in its order. */
    @ParameterizedTest(name = "Tapis {0} -> {1}")
    @CsvSource({
            "PENDING, SUBMITTED",
            "PROCESSING_INPUTS, SUBMITTED",
            "STAGING_INPUTS, SUBMITTED",
            "STAGING_JOB, SUBMITTED",
            "SUBMITTING_JOB, SUBMITTED",
            "QUEUED, SUBMITTED",
            "RUNNING, RUNNING",
            "ARCHIVING, RUNNING",
            "BLOCKED, RUNNING",
            "PAUSED, RUNNING",
            "FINISHED, COMPLETED",
            "CANCELLED, CANCELED",
            "FAILED, FAILED",
    })
    void mapsEveryTapisStatus(String remote, JobStatus expected) {
        assertThat(RemoteStatuses.fromHpc(remote)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"finished", " Running ", "staging"})
    void mapsIgnoringCaseAndSpace(String remote) {
        assertThat(RemoteStatuses.fromHpc(remote)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "HELD", "COMPLETE", "Completed"})
    void leavesUnknownStatusUnmapped(String remote) {
        assertThat(RemoteStatuses.fromHpc(remote)).isEmpty();
    }
}
