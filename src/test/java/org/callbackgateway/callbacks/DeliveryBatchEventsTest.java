package org.callbackgateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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

    @BeforeAll
    static void start() {
        database = TestDatabase.migrated("delivery_batch_events");
        EventLog log = new EventLog(database.jdbi());
        jobs = new JobService(database.jdbi(), Clock.systemUTC());
        JobStatusService statuses = new JobStatusService(database.jdbi(), Clock.systemUTC(),
                new JobStatusEvents(log, Json.newMapper(), Clock.systemUTC()));
        batch = new DeliveryBatch(statuses, log::appendDeliveriesReceived);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static IngestUnit change(String jobId, String status) {
        StatusRequest request = new StatusRequest(new JobRef.AnyId(jobId), new StatusChange("notification", status,
                JobStatus.fromLabel(status), Optional.empty(), Optional.empty(), Optional.empty()));
        byte[] body = ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
        return new IngestUnit("notification", null, "job_status_change", "application/json", body, body.length, null,
                null, Verification.UNSIGNED, null, Instant.now(), Optional.empty(), new IngestUnit.Plan.Status(request, result -> result
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
        assertThat(database.count("SELECT count(*) FROM events WHERE type = 'delivery.received'")).isEqualTo(3);
        assertThat(database.count("SELECT count(*) FROM events WHERE type = 'delivery.received' AND delivery_id = ?",
                results.get(3).deliveryId())).isZero();
        assertThat(database.count("SELECT count(*) FROM events WHERE type = 'job.status_changed' AND job_id = ?",
                job.id())).isEqualTo(2);
        List<String> moves = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT data->>'old_status' || '>' || (data->>'new_status') FROM events"
                        + " WHERE type = 'job.status_changed' ORDER BY id").mapTo(String.class).list());
        assertThat(moves).containsExactly("Submitted>Running", "Running>Completed");
    }
}
