package org.callbackgateway.callbacks.nextflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.InboundDelivery;
import org.callbackgateway.callbacks.Processing;
import org.callbackgateway.callbacks.Verification;
import org.callbackgateway.db.DatabaseFailures;
import org.callbackgateway.jobs.CallbackCredentials;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobIds;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.StatusChange;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code POST /callbacks/nextflow/{job id}}: a registered Nextflow run's weblog events. The job's unguessable id
 * is the capability, and its HTTP Basic credential when it was registered with one. Run events move the job
 * ({@code started} Running; {@code completed} Completed or Failed by {@code workflow.success}; {@code error}
 * Failed); task events are stored and counted on the job. A repeat of an event (same run, event and task) is
 * stored as a duplicate and changes nothing.
 */
public final class NextflowService {
    static final String SOURCE = "nextflow";

    private final Jdbi jdbi;
    private final DeliveryInbox inbox;
    private final JobService jobs;
    private final JobStatusService jobStatus;
    private final NextflowProgress progress;
    private final ObjectMapper mapper;

    public NextflowService(Jdbi jdbi, DeliveryInbox inbox, JobService jobs, JobStatusService jobStatus,
                           NextflowProgress progress, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.inbox = inbox;
        this.jobs = jobs;
        this.jobStatus = jobStatus;
        this.progress = progress;
        this.mapper = mapper;
    }

    /** Stores and acts on one event; answers whether it was a repeat. */
    public boolean receive(String jobId, InboundDelivery received, Optional<String> authorization) {
        Job job = requireJob(jobId, received);
        CallbackCredentials.Check credentials = jobs.checkCallbackCredentials(job.id(), authorization);
        if (credentials == CallbackCredentials.Check.REFUSED) {
            inbox.recordSettled(received, Verification.REJECTED, Processing.INVALID,
                    "HTTP Basic credentials missing or not the job's");
            throw new ApiException(401, ErrorCode.ERR_UNAUTHORIZED, "credentials required",
                    Map.of("WWW-Authenticate", "Basic realm=\"nextflow\""), null);
        }
        Verification verification = credentials == CallbackCredentials.Check.MATCHED
                ? Verification.VERIFIED : Verification.UNSIGNED;
        NextflowEvent event;
        try {
            event = NextflowEvent.parse(received.body().orElse(new byte[0]), mapper);
        } catch (ApiException invalid) {
            inbox.recordSettled(received, verification, Processing.INVALID, invalid.getMessage());
            throw invalid;
        }
        InboundDelivery delivery = new InboundDelivery(SOURCE, Optional.of(event.deliveryKey()),
                Optional.of(event.event()), received.contentType(), received.body(), received.bodySize(),
                received.receivedAt());
        try {
            return jdbi.inTransaction(handle -> store(handle, job, event, delivery, verification));
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUniqueViolation(e)) {
                throw e;
            }
            // The same event arrived twice at once; the other one holds the key now.
            return jdbi.inTransaction(handle -> store(handle, job, event, delivery, verification));
        }
    }

    private boolean store(Handle handle, Job job, NextflowEvent event, InboundDelivery delivery,
                          Verification verification) {
        Optional<Long> original = inbox.acceptedWithKey(handle, SOURCE, event.deliveryKey());
        if (original.isPresent()) {
            inbox.recordDuplicate(handle, delivery, verification, original.get());
            return true;
        }
        long deliveryId = inbox.record(handle, delivery, verification, Optional.empty(), Processing.RECEIVED);
        Job locked = jobStatus.lock(handle, job.id()).orElseThrow();
        if (event.isTaskEvent()) {
            inbox.settleAccepted(handle, delivery, deliveryId, Processing.APPLIED,
                    progress.record(handle, job.id(), event), job.id());
            return false;
        }
        JobStatusService.Result result = jobStatus.apply(handle, locked, new StatusChange(SOURCE, event.event(),
                target(event), start(event), end(event), Optional.of(deliveryId)));
        progress.refresh(handle, job.id(), event);
        inbox.settleAccepted(handle, delivery, deliveryId,
                result.outcome() == Outcome.APPLIED ? Processing.APPLIED : Processing.IGNORED, result.reason(), job.id());
        return false;
    }

    static Optional<JobStatus> target(NextflowEvent event) {
        return switch (event.event()) {
            case "started" -> Optional.of(JobStatus.RUNNING);
            case "error" -> Optional.of(JobStatus.FAILED);
            default -> event.success().map(success -> success ? JobStatus.COMPLETED : JobStatus.FAILED);
        };
    }

    private static Optional<Instant> start(NextflowEvent event) {
        return event.event().equals("started") ? event.workflowStart().or(event::utcTime) : Optional.empty();
    }

    private static Optional<Instant> end(NextflowEvent event) {
        return event.event().equals("started") ? Optional.empty() : event.workflowComplete().or(event::utcTime);
    }

    private Job requireJob(String jobId, InboundDelivery delivery) {
        Optional<UUID> id = JobIds.parse(jobId);
        Optional<Job> job = id.flatMap(jobs::find).filter(found -> found.source().equals(SOURCE));
        if (job.isEmpty()) {
            // Not a Nextflow job of ours, whatever the reason: the id is the capability, so say no more.
            inbox.recordSettled(delivery, Verification.UNSIGNED, Processing.NOT_FOUND, "no Nextflow job " + jobId);
            throw ApiException.notFound("job " + jobId + " not found");
        }
        return job.get();
    }
}
