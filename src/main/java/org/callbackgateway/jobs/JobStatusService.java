package org.callbackgateway.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies status changes under the job status model: forward only, terminal is final, every change recorded.
 *
 * <p>Methods that take a {@link Handle} run inside the caller's transaction, so that a callback's delivery
 * row and the status change it causes commit together.
 */
public final class JobStatusService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final StatusChangeListener listener;

    public JobStatusService(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, StatusChangeListener.NONE);
    }

    public JobStatusService(Jdbi jdbi, Clock clock, StatusChangeListener listener) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.listener = listener;
    }

    /** The result of one change: the job as it is afterwards and whether the change moved it. */
    public record Result(Job job, Outcome outcome, String reason) {
    }

    /** Locks the job named by an internal id (a UUID) or else an external id, for the rest of the transaction. */
    public Optional<Job> lockByAnyId(Handle handle, String id) {
        JobDao dao = handle.attach(JobDao.class);
        Optional<UUID> internal = JobIds.parse(id);
        if (internal.isPresent()) {
            Optional<Job> job = dao.lock(internal.get());
            if (job.isPresent()) {
                return job;
            }
        }
        return dao.lockByExternalId(id);
    }

    /**
     * Locks the job a source tracks under an external id, registering it first when it is new: for sources
     * whose callbacks announce jobs the gateway was never told about (TuxSuite).
     */
    public Job lockOrRegister(Handle handle, NewJob job) {
        JobDao dao = handle.attach(JobDao.class);
        String externalId = job.externalId().orElseThrow(() -> new IllegalArgumentException("external id required"));
        dao.insertIfAbsent(UUID.randomUUID(), job.source(), externalId, job.owner(), job.name(),
                job.appId().orElse(null), job.status().label(), job.startDate().orElse(null), clock.instant());
        return dao.lockBySourceAndExternalId(job.source(), externalId).orElseThrow();
    }

    public Optional<Job> lock(Handle handle, UUID id) {
        return handle.attach(JobDao.class).lock(id);
    }

    /** Applies {@code change} to a job the caller has locked, and records it in the history either way. */
    public Result apply(Handle handle, Job job, StatusChange change) {
        JobDao dao = handle.attach(JobDao.class);
        Instant now = clock.instant();
        JobStatus current = job.status();
        String reason = refusal(current, change.target());
        Long deliveryId = change.deliveryId().orElse(null);
        String newStatus = change.target().map(JobStatus::label).orElse(null);
        if (reason != null) {
            dao.insertUpdate(job.id(), deliveryId, change.origin(), change.remoteStatus(), current.label(),
                    newStatus, Outcome.IGNORED.dbValue(), reason, change.basis().dbValue(),
                    change.claimedStatus().orElse(null), now);
            return new Result(job, Outcome.IGNORED, reason);
        }
        JobStatus target = change.target().orElseThrow();
        Instant endDate = target.isTerminal() ? change.endDate().orElse(now) : null;
        dao.updateStatus(job.id(), target.label(), change.startDate().orElse(null), endDate, now);
        dao.insertUpdate(job.id(), deliveryId, change.origin(), change.remoteStatus(), current.label(),
                newStatus, Outcome.APPLIED.dbValue(), null, change.basis().dbValue(),
                change.claimedStatus().orElse(null), now);
        Job changed = dao.find(job.id()).orElseThrow();
        listener.applied(handle, changed, current, change);
        return new Result(changed, Outcome.APPLIED, null);
    }

    /**
     * Applies a batch of changes in the caller's transaction, in a fixed number of statements whatever the batch
     * size: registers the jobs {@link JobRef.Tracked} announces, locks every job named, decides each change in
     * arrival order (several of one job each against the job as the one before left it) and records them all.
     *
     * @return per request, in order, the result; empty when no job matches the reference
     */
    public List<Optional<Result>> applyAll(Handle handle, List<StatusRequest> requests) {
        return StatusBatch.apply(handle, requests, clock.instant(), listener);
    }

    /** Records that the job's upstream system was just asked for its status. */
    public void markChecked(Handle handle, UUID jobId) {
        handle.attach(JobDao.class).markChecked(jobId, clock.instant());
    }

    /** Locks the job and applies the change in a transaction of its own; empty when the job does not exist. */
    public Optional<Result> apply(UUID jobId, StatusChange change) {
        return jdbi.inTransaction(handle -> lock(handle, jobId).map(job -> apply(handle, job, change)));
    }

    public List<StatusUpdate> history(UUID jobId) {
        return jdbi.withExtension(JobDao.class, dao -> dao.history(jobId));
    }

    /** Why {@code target} may not follow {@code current}, or null when it may. */
    static String refusal(JobStatus current, Optional<JobStatus> target) {
        if (target.isEmpty()) {
            return "unknown status";
        }
        if (current.isTerminal()) {
            return "job is already " + current.label();
        }
        if (!current.canAdvanceTo(target.get())) {
            return "not a forward move from " + current.label();
        }
        return null;
    }
}
