package org.callbackgateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "SUBMITTED, SUBMITTED, false",
            "SUBMITTED, RUNNING,   true",
            "SUBMITTED, COMPLETED, true",
            "SUBMITTED, FAILED,    true",
            "SUBMITTED, CANCELED,  true",
            "RUNNING,   SUBMITTED, false",
            "RUNNING,   RUNNING,   false",
            "RUNNING,   COMPLETED, true",
            "RUNNING,   FAILED,    true",
            "RUNNING,   CANCELED,  true",
    })
    void canAdvanceToOnlyStrictlyHigherRanks(JobStatus from, JobStatus to, boolean allowed) {
        assertThat(from.canAdvanceTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"COMPLETED", "FAILED", "CANCELED"})
    void terminalStatusNeverAdvances(JobStatus terminal) {
        assertThat(terminal.isTerminal()).isTrue();
        for (JobStatus next : JobStatus.values()) {
            assertThat(terminal.canAdvanceTo(next)).as("%s -> %s", terminal, next).isFalse();
        }
    }

    @Test
    void ranksAreThoseOfTheDe() {
        assertThat(JobStatus.SUBMITTED.rank()).isEqualTo(1);
        assertThat(JobStatus.RUNNING.rank()).isEqualTo(3);
        assertThat(JobStatus.COMPLETED.rank()).isEqualTo(4);
        assertThat(JobStatus.FAILED.rank()).isEqualTo(4);
        assertThat(JobStatus.CANCELED.rank()).isEqualTo(4);
    }

    @ParameterizedTest
    @CsvSource({"Submitted, SUBMITTED", "running, RUNNING", "COMPLETED, COMPLETED", "Failed, FAILED",
            "Canceled, CANCELED", "Cancelled, CANCELED"})
    void fromLabelIgnoresCase(String label, JobStatus expected) {
        assertThat(JobStatus.fromLabel(label)).contains(expected);
    }

    @Test
    void fromLabelRejectsUnknownStatus() {
        assertThat(JobStatus.fromLabel("Idle")).isEmpty();
        assertThat(JobStatus.fromLabel(null)).isEmpty();
    }
}
