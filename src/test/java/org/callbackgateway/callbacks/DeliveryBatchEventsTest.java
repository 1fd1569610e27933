package org.callbackgateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.IngestUnit.Ingested;
import org.callbackgateway.events.EventLog;
import org.callbackgateway.events.JobStatusEvents;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobRef;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.NewJob;
import org.callbackgateway.jobs.StatusChange;
import org.callbackgateway.jobs.StatusRequest;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event log's appends ride in the batch's transaction: one per accepted delivery, one per applied change. */
class DeliveryBatchEventsTest {
    private static TestDatabase database;
    private static JobService jobs;
    private static DeliveryBatch batch;
    private static DeliveryInbox inbox;

    /**
     * The event data as the append made it from the stored row before it was given the row's values (main's
     * read-back): what it makes of them now must be the same text.
     */
    private static final String FROM_THE_ROW = """
            SELECT jsonb_build_object('delivery_id', d.id, 'source', d.source, 'event_type', d.event_type,
                                      'delivery_key', d.delivery_key, 'content_type', d.content_type,
                                      'received_at', d.received_at, 'job_id', d.job_id, 'processing', d.processing)::text
                   || ' ' || d.received_at::text || ' ' || coalesce((SELECT owner FROM jobs WHERE id = d.job_id), '-')
              FROM deliveries d WHERE d.id = ?
            """;
    private static final String FROM_THE_EVENT = """
            SELECT data::text || ' ' || occurred_at::text || ' ' || coalesce(job_owner, '-')
              FROM events WHERE type = 'delivery.received' AND delivery_id = ?
            """;

    @BeforeAll
    static void start() {
        database = TestDatabase.migrated("delivery_batch_events");
        EventLog log = new EventLog(database.jdbi());
        jobs = new JobService(database.jdbi(), Clock.systemUTC());
        JobStatusService statuses = new JobStatusService(database.jdbi(), Clock.systemUTC(),
                new JobStatusEvents(log, Json.newMapper(), Clock.systemUTC()));
        batch = new DeliveryBatch(statuses, log::appendDeliveriesReceived);
        inbox = new DeliveryInbox(database.jdbi(), log::appendDeliveriesReceived);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static IngestUnit change(String jobId, String status) {
        return change(jobId, status, null, Instant.now());
    }

    private static IngestUnit change(String jobId, String status, String key, Instant receivedAt) {
        StatusRequest request = new StatusRequest(new JobRef.AnyId(jobId), new StatusChange("notification", status,
                JobStatus.fromLabel(status), Optional.empty(), Optional.empty(), Optional.empty()));
        byte[] body = ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
        return new IngestUnit("notification", key, "job_status_change", "application/json", body, body.length, null,
                null, Verification.UNSIGNED, null, receivedAt, Optional.empty(), new IngestUnit.Plan.Status(request, result -> result
                .map(applied -> new PayloadProcessor.Applied(applied.outcome() == Outcome.APPLIED
                        ? Processing.APPLIED : Processing.IGNORED, applied.reason(), applied.job().id()))
                .orElse(new PayloadProcessor.Applied(Processing.NOT_FOUND, "not found", null))));
    }

    @Test
    void acceptedDeliveriesAndAppliedChangesAreAppendedWithTheBatch() {
        Job job = jobs.register(new NewJob("de", Optional.empty(), "snow-dog", "wc", Optional.of("wc-1.0"),
                JobStatus.SUBMITTED, Optional.empty(), false));
        String id = job.id().toString();

        List<Ingested> results = database.jdbi().inTransaction(handle -> batch.runAll(handle, List.of(
                change(id, "Running"), change(id, "Completed"), change(id, "Running"), change("no-such-job", "Running"))));

        assertThat(results).extracting(Ingested::processing).containsExactly(Processing.APPLIED, Processing.APPLIED,
                Processing.IGNORED, Processing.NOT_FOUND);
        // Three answered 2xx (the unknown job is a 404), two changes applied.
        assertThat(database.count("SELECT count(*) FROM events WHERE type = 'delivery.received' AND delivery_id = ANY(?)",
                (Object) results.stream().map(Ingested::deliveryId).toArray(Long[]::new))).isEqualTo(3);
        assertThat(database.count("SELECT count(*) FROM events WHERE type = 'delivery.received' AND delivery_id = ?",
                results.get(3).deliveryId())).isZero();
        assertThat(database.count("SELECT count(*) FROM events WHERE type = 'job.status_changed' AND job_id = ?",
                job.id())).isEqualTo(2);
        List<String> moves = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT data->>'old_status' || '>' || (data->>'new_status') FROM events"
                        + " WHERE type = 'job.status_changed' ORDER BY id").mapTo(String.class).list());
        assertThat(moves).containsExactly("Submitted>Running", "Running>Completed");
    }

    @Test
    void theEventsAreMadeFromTheBatchsValuesAsTheStoredRowsWouldMakeThem() {
        Job job = jobs.register(new NewJob("de", Optional.empty(), "owner-of-events", "wc", Optional.of("wc-1.0"),
                JobStatus.SUBMITTED, Optional.empty(), false));
        String id = job.id().toString();
        // Nanoseconds, one of them half a microsecond: the event names the instant the row holds.
        Instant now = Instant.now();
        Instant nanos = now.with(ChronoField.NANO_OF_SECOND, 123_456_789);
        Instant half = now.with(ChronoField.NANO_OF_SECOND, 987_654_500);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        IngestUnit storeOnly = new IngestUnit("github", "events-key", null, null, body, body.length, null, null,
                Verification.VERIFIED, "hmac-sha256", now, Optional.empty(), IngestUnit.Plan.STORE_ONLY);

        record Appended(List<Ingested> results, long deliveryReads) {
        }
        Appended appended = database.jdbi().inTransaction(handle -> {
            long before = partitionReads(handle);
            List<Ingested> results = batch.runAll(handle, List.of(change(id, "Running", "events-1", nanos),
                    storeOnly, change(id, "Pending", "events-2", half), change(id, "Running", "events-1", nanos),
                    new IngestUnit("github", null, "push", "application/json; charset=utf-8", body, body.length,
                            "{\"user-agent\":\"GitHub-Hookshot\"}", null, Verification.VERIFIED, null, now,
                            Optional.empty(), new IngestUnit.Plan.Settle(Processing.IGNORED, "not for us"))));
            return new Appended(results, partitionReads(handle) - before);
        });

        List<Ingested> results = appended.results();
        assertThat(results).extracting(Ingested::processing).containsExactly(Processing.APPLIED, Processing.RECEIVED,
                Processing.IGNORED, Processing.DUPLICATE, Processing.IGNORED);
        // The batch wrote its deliveries and their events without reading a delivery.
        assertThat(appended.deliveryReads()).isZero();
        for (int accepted : new int[] {0, 1, 2, 4}) {
            long deliveryId = results.get(accepted).deliveryId();
            assertThat(text(FROM_THE_EVENT, deliveryId)).as("delivery %d", deliveryId)
                    .isEqualTo(text(FROM_THE_ROW, deliveryId));
        }
        assertThat(text(FROM_THE_EVENT, results.get(0).deliveryId())).contains("owner-of-events")
                .contains("\"job_id\": \"" + id + "\"");
        // A repeat is not an accepted delivery: no event of its own.
        assertThat(database.count("SELECT count(*) FROM events WHERE delivery_id = ?", results.get(3).deliveryId()))
                .isZero();
        List<Long> order = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT delivery_id FROM events WHERE type = 'delivery.received' AND delivery_id = ANY(?) ORDER BY id")
                .bind(0, results.stream().map(Ingested::deliveryId).toArray(Long[]::new)).mapTo(Long.class).list());
        assertThat(order).containsExactly(results.get(0).deliveryId(), results.get(1).deliveryId(),
                results.get(2).deliveryId(), results.get(4).deliveryId());
    }

    @Test
    void aDeliveryAcceptedByTheInboxHasTheEventItsStoredRowWouldMake() {
        Instant nanos = Instant.now().with(ChronoField.NANO_OF_SECOND, 111_222_500);
        byte[] body = "{\"kind\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        InboundDelivery delivery = new InboundDelivery("tapis-job", Optional.of("inbox-key"),
                Optional.of("notifications.test.\u0000x"), Optional.of("application/json"), Optional.of(body),
                body.length, nanos);

        long id = inbox.recordAccepted(delivery, Verification.UNSIGNED, Processing.IGNORED, "a test");

        assertThat(text(FROM_THE_EVENT, id)).isEqualTo(text(FROM_THE_ROW, id)).contains("notifications.test.\ufffdx");
        // Forwarding finds the row by the event's time.
        java.time.Instant occurredAt = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT occurred_at FROM events WHERE delivery_id = ?").bind(0, id).mapTo(Instant.class).one());
        assertThat(inbox.content(id, occurredAt)).isPresent();
    }

    /**
     * Scans of the partitions of deliveries, as this backend counts them: the current transaction's, plus those of
     * earlier ones not yet reported (hence compared before and after).
     */
    private static long partitionReads(org.jdbi.v3.core.Handle handle) {
        return handle.createQuery("""
                SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0) FROM pg_stat_xact_user_tables
                 WHERE relid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'deliveries'::regclass)
                """).mapTo(Long.class).one();
    }

    private static String text(String sql, long deliveryId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).bind(0, deliveryId)
                .mapTo(String.class).one());
    }
}
