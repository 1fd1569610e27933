package org.callbackgateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.callbackgateway.callbacks.IngestUnit.Ingested;
import org.callbackgateway.db.DatabaseFailures;
import org.callbackgateway.db.GroupCommitter;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobRef;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.NewJob;
import org.callbackgateway.jobs.StatusChange;
import org.callbackgateway.jobs.StatusRequest;
import org.callbackgateway.jobs.StatusUpdate;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.callbackgateway.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The set-based batch on the real schema: every unit's statements shared, every unit's rules kept. */
class DeliveryBatchTest {
    private static TestDatabase database;
    private static JobService jobs;
    private static JobStatusService statuses;
    private static DeliveryBatch batch;
    private static GroupCommitter committer;

    @BeforeAll
    static void start() {
        database = TestDatabase.migrated("delivery_batch");
        jobs = new JobService(database.jdbi(), Clock.systemUTC());
        statuses = new JobStatusService(database.jdbi(), Clock.systemUTC());
        batch = new DeliveryBatch(statuses, AcceptedDeliveryListener.NONE);
        committer = new GroupCommitter(database.jdbi(), 64, 1);
    }

    @AfterAll
    static void stop() {
        committer.close();
        database.close();
    }

    private static Job submittedJob() {
        return jobs.register(new NewJob("de", Optional.empty(), "snow-dog", "wc", Optional.of("wc-1.0"),
                JobStatus.SUBMITTED, Optional.empty(), false));
    }

    /** A notification-shaped unit: a status change for the job with that id, meaning as the notification path's. */
    private static IngestUnit change(String jobId, String status) {
        StatusRequest request = new StatusRequest(new JobRef.AnyId(jobId), new StatusChange("notification", status,
                JobStatus.fromLabel(status), Optional.empty(), Optional.empty(), Optional.empty()));
        return unit(null, "{\"status\":\"" + status + "\"}", new IngestUnit.Plan.Status(request, result -> result
                .map(applied -> new PayloadProcessor.Applied(applied.outcome() == Outcome.APPLIED
                        ? Processing.APPLIED : Processing.IGNORED, applied.reason(), applied.job().id()))
                .orElse(new PayloadProcessor.Applied(Processing.NOT_FOUND, "job " + jobId + " not found", null))));
    }

    private static IngestUnit unit(String key, String body, IngestUnit.Plan plan) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new IngestUnit("notification", key, "job_status_change", "application/json", bytes, bytes.length,
                null, null, Verification.UNSIGNED, null, Instant.now(), Optional.empty(), plan);
    }

    private static IngestUnit keyed(String key, IngestUnit unit) {
        return new IngestUnit(unit.source(), key, unit.eventType(), unit.contentType(), unit.body(), unit.bodySize(),
                unit.headersJson(), unit.signaturesJson(), unit.verification(), unit.verificationDetail(),
                unit.receivedAt(), unit.replay(), unit.plan());
    }

    private static IngestUnit withEventType(String eventType, IngestUnit unit) {
        return new IngestUnit(unit.source(), unit.deliveryKey(), eventType, unit.contentType(), unit.body(),
                unit.bodySize(), unit.headersJson(), unit.signaturesJson(), unit.verification(),
                unit.verificationDetail(), unit.receivedAt(), unit.replay(), unit.plan());
    }

    /**
     * Rows inserted and updated in the partitions of deliveries, as this backend counts them: the current
     * transaction's, plus those of earlier ones not yet reported (hence compared before and after).
     */
    private static long[] partitionWrites(org.jdbi.v3.core.Handle handle) {
        return handle.createQuery("""
                SELECT coalesce(sum(n_tup_ins), 0) AS inserted, coalesce(sum(n_tup_upd), 0) AS updated
                  FROM pg_stat_xact_user_tables
                 WHERE relid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'deliveries'::regclass)
                """).map((row, context) -> new long[] {row.getLong("inserted"), row.getLong("updated")}).one();
    }

    /** The row's processing, detail and job ("-" for none). */
    private static String row(long deliveryId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT processing || ' ' || coalesce(processing_detail, '-') || ' ' || coalesce(job_id::text, '-')"
                        + " FROM deliveries WHERE id = ?")
                .bind(0, deliveryId).mapTo(String.class).one());
    }

    /**
     * Submits the units through the group committer as one batch, in this order: the writer is held by a
     * transaction of its own while they queue, one at a time, and let go once all are queued.
     */
    private static List<Future<Ingested>> inOneHeldBatch(IngestUnit... units) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> committer.inTransaction(handle -> {
            holding.countDown();
            await(release);
            return null;
        }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        ExecutorService callers = Executors.newFixedThreadPool(units.length);
        List<Future<Ingested>> outcomes = new ArrayList<>();
        for (IngestUnit unit : units) {
            int queued = outcomes.size() + 1;
            outcomes.add(callers.submit(() -> committer.submit(batch, unit)));
            waitUntil(() -> committer.queued() == queued);
        }
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        callers.shutdown();
        return outcomes;
    }

    private static List<Ingested> inOneBatch(IngestUnit... units) {
        return database.jdbi().inTransaction(handle -> batch.runAll(handle, List.of(units)));
    }

    private static String processing(long deliveryId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT processing || ' ' || coalesce(processing_detail, '-') FROM deliveries WHERE id = ?")
                .bind(0, deliveryId).mapTo(String.class).one());
    }

    @Test
    void severalChangesOfOneJobInOneBatchAreDecidedInArrivalOrder() {
        Job job = submittedJob();
        String id = job.id().toString();

        List<Ingested> results = inOneBatch(change(id, "Running"), change(id, "Completed"), change(id, "Running"),
                change(id, "Failed"), change(id, "Bogus"));

        assertThat(results).extracting(Ingested::processing).containsExactly(Processing.APPLIED, Processing.APPLIED,
                Processing.IGNORED, Processing.IGNORED, Processing.IGNORED);
        assertThat(results.get(2).detail()).isEqualTo("job is already Completed");
        assertThat(results.get(4).detail()).isEqualTo("unknown status");
        Job after = jobs.find(job.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(after.endDate()).isNotNull();
        List<StatusUpdate> history = statuses.history(job.id());
        assertThat(history).extracting(StatusUpdate::oldStatus)
                .containsExactly("Submitted", "Running", "Completed", "Completed", "Completed");
        assertThat(history).extracting(StatusUpdate::outcome).containsExactly(Outcome.APPLIED, Outcome.APPLIED,
                Outcome.IGNORED, Outcome.IGNORED, Outcome.IGNORED);
        assertThat(history).extracting(StatusUpdate::deliveryId)
                .containsExactlyElementsOf(results.stream().map(Ingested::deliveryId).toList());
        assertThat(processing(results.get(0).deliveryId())).isEqualTo("applied -");
        assertThat(processing(results.get(3).deliveryId())).isEqualTo("ignored job is already Completed");
    }

    @Test
    void aLaterForwardChangeInTheSameBatchWinsAndAnEarlierTerminalOneIsFinal() {
        Job forward = submittedJob();
        Job terminal = submittedJob();

        List<Ingested> results = inOneBatch(change(terminal.id().toString(), "Canceled"),
                change(forward.id().toString(), "Running"), change(terminal.id().toString(), "Running"),
                change("no-such-job", "Running"), change(forward.id().toString(), "Completed"));

        assertThat(results).extracting(Ingested::processing).containsExactly(Processing.APPLIED, Processing.APPLIED,
                Processing.IGNORED, Processing.NOT_FOUND, Processing.APPLIED);
        assertThat(jobs.find(forward.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(jobs.find(terminal.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELED);
        assertThat(processing(results.get(3).deliveryId())).isEqualTo("not_found job no-such-job not found");
    }

    @Test
    void theSameKeyTwiceInOneBatchIsStoredOnceAndThenAsItsDuplicate() {
        List<Ingested> results = inOneBatch(unit("key-1", "{}", IngestUnit.Plan.STORE_ONLY),
                unit("key-1", "{}", IngestUnit.Plan.STORE_ONLY), unit("key-2", "{}", IngestUnit.Plan.STORE_ONLY));

        assertThat(results).extracting(Ingested::duplicate).containsExactly(false, true, false);
        assertThat(results.get(1).detail()).isEqualTo("repeat of delivery " + results.get(0).deliveryId() + " (key-1)");
        assertThat(database.count("SELECT duplicate_of FROM deliveries WHERE id = ?", results.get(1).deliveryId()))
                .isEqualTo(results.get(0).deliveryId());
        assertThat(processing(results.get(2).deliveryId())).isEqualTo("received -");
    }

    @Test
    void aStatusChangingBatchInsertsItsDeliveriesSettledAndUpdatesNone() {
        Job job = submittedJob();
        String id = job.id().toString();

        record Written(List<Ingested> results, long inserted, long updated) {
        }
        Written written = database.jdbi().inTransaction(handle -> {
            long[] before = partitionWrites(handle);
            List<Ingested> results = batch.runAll(handle, List.of(change(id, "Running"), change(id, "Running"),
                    change("no-such-job", "Running"), unit("settled-key", "{}", IngestUnit.Plan.STORE_ONLY)));
            long[] after = partitionWrites(handle);
            return new Written(results, after[0] - before[0], after[1] - before[1]);
        });

        assertThat(written.inserted()).isEqualTo(4);
        assertThat(written.updated()).isZero();
        List<Ingested> results = written.results();
        assertThat(row(results.get(0).deliveryId())).isEqualTo("applied - " + id);
        assertThat(row(results.get(1).deliveryId())).isEqualTo("ignored not a forward move from Running " + id);
        assertThat(row(results.get(2).deliveryId())).isEqualTo("not_found job no-such-job not found -");
        assertThat(row(results.get(3).deliveryId())).isEqualTo("received - -");
        assertThat(statuses.history(job.id())).extracting(StatusUpdate::deliveryId)
                .containsExactly(results.get(0).deliveryId(), results.get(1).deliveryId());
    }

    @Test
    void aRepeatInTheSameBatchAsAStatusChangeAppliesNothing() {
        Job job = submittedJob();
        String id = job.id().toString();
        IngestUnit running = keyed("same-change", change(id, "Running"));

        List<Ingested> results = inOneBatch(running, keyed("same-change", change(id, "Running")));

        assertThat(results).extracting(Ingested::processing, Ingested::duplicate).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Processing.APPLIED, false),
                org.assertj.core.groups.Tuple.tuple(Processing.DUPLICATE, true));
        assertThat(statuses.history(job.id())).extracting(StatusUpdate::deliveryId)
                .containsExactly(results.get(0).deliveryId());
        assertThat(row(results.get(1).deliveryId()))
                .isEqualTo("duplicate repeat of delivery " + results.get(0).deliveryId() + " (same-change) -");
        assertThat(database.count("SELECT delivery_id FROM delivery_keys WHERE delivery_key = 'same-change'"))
                .isEqualTo(results.get(0).deliveryId());
    }

    @Test
    void aFailingUnitAmongGoodOnesFailsAloneAndTheOthersCommit() throws Exception {
        Job job = submittedJob();
        String id = job.id().toString();
        long unitsBefore = committer.units();
        long commitsBefore = committer.commits();
        String tooLongEventType = "e".repeat(300);
        List<Future<Ingested>> outcomes = inOneHeldBatch(change(id, "Running"), new IngestUnit("notification", null,
                tooLongEventType, null, new byte[0], 0, null, null, Verification.UNSIGNED, null, Instant.now(),
                Optional.empty(), IngestUnit.Plan.STORE_ONLY), change(id, "Completed"),
                unit("good-key", "{}", IngestUnit.Plan.STORE_ONLY));

        assertThat(outcomes.get(0).get(30, TimeUnit.SECONDS).processing()).isEqualTo(Processing.APPLIED);
        assertThat(outcomes.get(1)).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                .satisfies(failure -> assertThat(DatabaseFailures.isUnavailable(failure.getCause())).isFalse())
                .havingRootCause().withMessageContaining("deliveries_event_type_check");
        assertThat(outcomes.get(2).get(30, TimeUnit.SECONDS).processing()).isEqualTo(Processing.APPLIED);
        assertThat(outcomes.get(3).get(30, TimeUnit.SECONDS).duplicate()).isFalse();
        // The holder's transaction, then the four taken as one batch, which failed and was run again unit by unit.
        assertThat(committer.units() - unitsBefore).isEqualTo(5);
        assertThat(committer.commits() - commitsBefore).isEqualTo(2);
        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(statuses.history(job.id())).extracting(StatusUpdate::outcome)
                .containsExactly(Outcome.APPLIED, Outcome.APPLIED);
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE delivery_key = 'good-key'")).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE event_type = ?", tooLongEventType)).isZero();
    }

    @Test
    void aFailingStatusChangeAmongGoodOnesLeavesNeitherItsChangeNorItsKey() throws Exception {
        Job job = submittedJob();
        String id = job.id().toString();
        // Its change (terminal) is applied in the batch before its row fails to insert: both must go.
        IngestUnit failing = withEventType("e".repeat(300), keyed("failing-change", change(id, "Failed")));
        List<Future<Ingested>> outcomes = inOneHeldBatch(change(id, "Running"), failing, change(id, "Completed"));
        Future<Ingested> first = outcomes.get(0);
        Future<Ingested> bad = outcomes.get(1);
        Future<Ingested> last = outcomes.get(2);

        assertThat(first.get(30, TimeUnit.SECONDS).processing()).isEqualTo(Processing.APPLIED);
        assertThat(bad).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause().withMessageContaining("deliveries_event_type_check");
        assertThat(last.get(30, TimeUnit.SECONDS).processing()).isEqualTo(Processing.APPLIED);
        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(statuses.history(job.id())).extracting(StatusUpdate::newStatus)
                .containsExactly("Running", "Completed");
        assertThat(database.count("SELECT count(*) FROM delivery_keys WHERE delivery_key = 'failing-change'")).isZero();
        // The key was not taken: a corrected resend is stored, not answered as a repeat.
        assertThat(inOneBatch(keyed("failing-change", unit(null, "{}", IngestUnit.Plan.STORE_ONLY))).get(0)
                .duplicate()).isFalse();
    }

    @Test
    void aLateChangeWaitingOnATerminalJobsLockSeesItTerminal() throws Exception {
        Job job = submittedJob();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // Another instance completes the job and holds its row lock until told to commit.
        CompletableFuture<Void> completing = CompletableFuture.runAsync(() -> database.jdbi().useTransaction(handle -> {
            Job current = statuses.lock(handle, job.id()).orElseThrow();
            statuses.apply(handle, current, new StatusChange("agave", "FINISHED", Optional.of(JobStatus.COMPLETED),
                    Optional.empty(), Optional.empty(), Optional.empty()));
            locked.countDown();
            await(commit);
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Ingested> late = CompletableFuture.supplyAsync(
                () -> committer.submit(batch, change(job.id().toString(), "Running")));
        waitUntil(() -> database.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'") == 1);
        assertThat(late).isNotDone();
        commit.countDown();
        completing.get(30, TimeUnit.SECONDS);

        Ingested result = late.get(30, TimeUnit.SECONDS);
        assertThat(result.processing()).isEqualTo(Processing.IGNORED);
        assertThat(result.detail()).isEqualTo("job is already Completed");
        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(statuses.history(job.id())).extracting(StatusUpdate::origin, StatusUpdate::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("agave", Outcome.APPLIED),
                        org.assertj.core.groups.Tuple.tuple("notification", Outcome.IGNORED));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
