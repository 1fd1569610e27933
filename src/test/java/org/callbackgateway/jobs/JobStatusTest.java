package org.callbackgateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

    /**
     * The DE apps service's {@code job-status-order} (src/apps/persistence/jobs.clj), row by row, and {@code Queued}
     * from the DE messaging library's job states, ranked with Submitted.
     */
    @ParameterizedTest(name = "{0} ranks {1}")
    @CsvSource({
            "Pending, 0",
            "Submitted, 1",
            "Queued, 1",
            "Idle, 2",
            "Running, 3",
            "ImpendingCancellation, 3",
            "Completed, 4",
            "Failed, 4",
            "Canceled, 4",
    })
    void ranksAreThoseOfTheDe(String label, int rank) {
        assertThat(JobStatus.fromLabel(label)).hasValueSatisfying(status -> {
            assertThat(status.rank()).isEqualTo(rank);
            assertThat(status.label()).isEqualTo(label);
        });
    }

    @Test
    void theSetIsExactlyTheDes() {
        assertThat(JobStatus.labels()).containsExactly("Pending", "Submitted", "Queued", "Idle", "Running",
                "ImpendingCancellation", "Completed", "Failed", "Canceled");
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "PENDING,                SUBMITTED,              true",
            "SUBMITTED,              QUEUED,                 false",
            "QUEUED,                 SUBMITTED,              false",
            "QUEUED,                 IDLE,                   true",
            "SUBMITTED,              IDLE,                   true",
            "IDLE,                   RUNNING,                true",
            "IDLE,                   PENDING,                false",
            "RUNNING,                IMPENDING_CANCELLATION, false",
            "IMPENDING_CANCELLATION, RUNNING,                false",
            "IMPENDING_CANCELLATION, CANCELED,               true",
            "SUBMITTED,              SUBMITTED,              false",
            "SUBMITTED,              RUNNING,                true",
            "SUBMITTED,              COMPLETED,              true",
            "RUNNING,                SUBMITTED,              false",
            "RUNNING,                RUNNING,                false",
            "RUNNING,                COMPLETED,              true",
            "RUNNING,                FAILED,                 true",
            "RUNNING,                CANCELED,               true",
            "COMPLETED,              FAILED,                 false",
            "FAILED,                 COMPLETED,              false",
    })
    void canAdvanceToOnlyStrictlyHigherRanks(JobStatus from, JobStatus to, boolean allowed) {
        assertThat(from.canAdvanceTo(to)).isEqualTo(allowed);
    }

    @Test
    void everyPairFollowsTheDesRule() {
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                assertThat(from.canAdvanceTo(to)).as("%s -> %s", from, to).isEqualTo(to.rank() > from.rank());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"COMPLETED", "FAILED", "CANCELED"})
    void terminalStatusNeverAdvances(JobStatus terminal) {
        assertThat(terminal.isTerminal()).isTrue();
        for (JobStatus next : JobStatus.values()) {
            assertThat(terminal.canAdvanceTo(next)).as("%s -> %s", terminal, next).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({"Submitted, SUBMITTED", "running, RUNNING", "COMPLETED, COMPLETED", "Failed, FAILED",
            "Canceled, CANCELED", "Cancelled, CANCELED", "idle, IDLE", "impendingcancellation, IMPENDING_CANCELLATION",
            "Pending, PENDING", "Queued, QUEUED"})
    void fromLabelIgnoresCase(String label, JobStatus expected) {
        assertThat(JobStatus.fromLabel(label)).contains(expected);
    }

    @Test
    void fromLabelRejectsUnknownStatus() {
        assertThat(JobStatus.fromLabel("Impending Cancellation")).isEmpty();
        assertThat(JobStatus.fromLabel("Held")).isEmpty();
        assertThat(JobStatus.fromLabel(null)).isEmpty();
    }
}
