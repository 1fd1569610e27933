package org.callbackgateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.callbackgateway.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JobStatusServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static TestDatabase database;
    private static JobService jobs;
    private static JobStatusService statuses;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.migrated("job_status");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        jobs = new JobService(database.jdbi(), clock);
        statuses = new JobStatusService(database.jdbi(), clock);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    private static Job newJob(JobStatus status) {
        return jobs.register(new NewJob("agave", Optional.empty(), "snow-dog", "wc", Optional.of("wc-1.0"), status,
                Optional.empty(), false));
    }

    private static StatusChange change(JobStatus target) {
        return new StatusChange("test", target.label(), Optional.of(target), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Nested
    class TheDesWholeStatusSet {
        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.EnumSource(JobStatus.class)
        void everyStatusIsStoredAndReadBack(JobStatus status) {
            Job job = newJob(status);

            assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(status);
        }

        @Test
        void aDeSequenceMovesOnlyToStrictlyHigherRanks() {
            Job job = newJob(JobStatus.PENDING);
            List<JobStatus> reported = List.of(JobStatus.SUBMITTED, JobStatus.QUEUED, JobStatus.IDLE,
                    JobStatus.RUNNING, JobStatus.IMPENDING_CANCELLATION, JobStatus.COMPLETED, JobStatus.FAILED);

            List<Outcome> outcomes = new ArrayList<>();
            for (JobStatus status : reported) {
                outcomes.add(statuses.apply(job.id(), change(status)).orElseThrow().outcome());
            }

            assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.IGNORED, Outcome.APPLIED, Outcome.APPLIED,
                    Outcome.IGNORED, Outcome.APPLIED, Outcome.IGNORED);
            assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(statuses.history(job.id())).extracting(StatusUpdate::reason).containsExactly(null,
                    "not a forward move from Submitted", null, null, "not a forward move from Running", null,
                    "job is already Completed");
            assertThat(statuses.history(job.id())).extracting(StatusUpdate::basis).containsOnly("reported");
        }
    }

    @Nested
    class WhenSubmitted {
        private Job job;

        @BeforeEach
        void register() {
            job = newJob(JobStatus.SUBMITTED);
        }

        @Test
        void applyMovesForwardAndRecordsHistory() {
            JobStatusService.Result result = statuses.apply(job.id(), change(JobStatus.RUNNING)).orElseThrow();

            assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
            assertThat(statuses.history(job.id()))
                    .singleElement()
                    .satisfies(update -> {
                        assertThat(update.oldStatus()).isEqualTo("Submitted");
                        assertThat(update.newStatus()).isEqualTo("Running");
                        assertThat(update.outcome()).isEqualTo(Outcome.APPLIED);
                        assertThat(update.origin()).isEqualTo("test");
                    });
        }

        @Test
        void applyTerminalSetsEndDateFromTheClockWhenNoneIsReported() {
            statuses.apply(job.id(), change(JobStatus.COMPLETED));

            Job completed = jobs.find(job.id()).orElseThrow();
            assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(completed.endDate()).isEqualTo(NOW);
        }

        @Test
        void applyTerminalKeepsTheReportedEndDate() {
            Instant ended = Instant.parse("2026-11-21T08:30:00Z");
            statuses.apply(job.id(), new StatusChange("test", "Failed", Optional.of(JobStatus.FAILED),
                    Optional.empty(), Optional.of(ended), Optional.empty()));

            assertThat(jobs.find(job.id()).orElseThrow().endDate()).isEqualTo(ended);
        }

        @Test
        void applyNonTerminalLeavesEndDateUnset() {
            statuses.apply(job.id(), new StatusChange("test", "Running", Optional.of(JobStatus.RUNNING),
                    Optional.empty(), Optional.of(NOW), Optional.empty()));

            assertThat(jobs.find(job.id()).orElseThrow().endDate()).isNull();
        }

        @Test
        void applySameStatusIsRecordedAsIgnored() {
            JobStatusService.Result result = statuses.apply(job.id(), change(JobStatus.SUBMITTED)).orElseThrow();

            assertThat(result.outcome()).isEqualTo(Outcome.IGNORED);
            assertThat(statuses.history(job.id())).singleElement()
                    .satisfies(update -> assertThat(update.reason()).isEqualTo("not a forward move from Submitted"));
        }

        @Test
        void applyUnknownStatusLeavesJobUnchangedAndIsRecorded() {
            JobStatusService.Result result = statuses.apply(job.id(), new StatusChange("agave", "HELD",
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).orElseThrow();

            assertThat(result.outcome()).isEqualTo(Outcome.IGNORED);
            assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.SUBMITTED);
            assertThat(statuses.history(job.id())).singleElement().satisfies(update -> {
                assertThat(update.remoteStatus()).isEqualTo("HELD");
                assertThat(update.newStatus()).isNull();
                assertThat(update.reason()).isEqualTo("unknown status");
            });
        }
    }

    @Nested
    class WhenRunning {
        @Test
        void applyBackwardIsIgnored() {
            Job job = newJob(JobStatus.RUNNING);

            statuses.apply(job.id(), change(JobStatus.SUBMITTED));

            assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
            assertThat(statuses.history(job.id())).extracting(StatusUpdate::outcome).containsExactly(Outcome.IGNORED);
        }
    }

    @Nested
    class WhenTerminal {
        @Test
        void applyNeverMovesATerminalJob() {
            Job job = newJob(JobStatus.SUBMITTED);
            statuses.apply(job.id(), change(JobStatus.FAILED));

            JobStatusService.Result result = statuses.apply(job.id(), change(JobStatus.COMPLETED)).orElseThrow();

            assertThat(result.outcome()).isEqualTo(Outcome.IGNORED);
            assertThat(result.reason()).isEqualTo("job is already Failed");
            assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        }
    }

    @Test
    void applyToUnknownJobIsEmpty() {
        assertThat(statuses.apply(java.util.UUID.randomUUID(), change(JobStatus.RUNNING))).isEmpty();
    }

    @Test
    void concurrentChangesForOneJobLeaveAConsistentHistory() throws Exception {
        Job job = newJob(JobStatus.SUBMITTED);
        List<JobStatus> targets = List.of(JobStatus.RUNNING, JobStatus.COMPLETED, JobStatus.FAILED,
                JobStatus.RUNNING, JobStatus.CANCELED, JobStatus.SUBMITTED, JobStatus.RUNNING, JobStatus.COMPLETED);
        ExecutorService pool = Executors.newFixedThreadPool(targets.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<JobStatusService.Result>> results = new ArrayList<>();
            for (JobStatus target : targets) {
                Callable<JobStatusService.Result> task = () -> {
                    start.await();
                    return statuses.apply(job.id(), change(target)).orElseThrow();
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<JobStatusService.Result> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<StatusUpdate> history = statuses.history(job.id());
        assertThat(history).hasSize(targets.size());
        // Replaying the history in order must reproduce it: each row starts where the last applied one ended.
        String current = "Submitted";
        for (StatusUpdate update : history) {
            assertThat(update.oldStatus()).isEqualTo(current);
            if (update.outcome() == Outcome.APPLIED) {
                assertThat(JobStatus.fromLabel(current).orElseThrow()
                        .canAdvanceTo(JobStatus.fromLabel(update.newStatus()).orElseThrow())).isTrue();
                current = update.newStatus();
            }
        }
        Job finished = jobs.find(job.id()).orElseThrow();
        assertThat(finished.status().label()).isEqualTo(current);
        assertThat(finished.status().isTerminal()).isTrue();
        assertThat(history).filteredOn(update -> update.outcome() == Outcome.APPLIED)
                .filteredOn(update -> JobStatus.fromLabel(update.newStatus()).orElseThrow().isTerminal())
                .hasSize(1);
    }
}
