package org.callbackgateway.hpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.config.HpcConfig;
import org.callbackgateway.hpc.HpcLookupException.Kind;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.RemoteStatuses;
import org.callbackgateway.jobs.StatusChange;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls a job's status from its HPC API and applies it; a failed pull is scheduled for a retry with
 * exponential backoff, so that the job converges without its sender.
 */
public final class HpcStatusService {
    private static final Logger LOG = LoggerFactory.getLogger(HpcStatusService.class);

    private final Jdbi jdbi;
    private final HpcLookup lookup;
    private final JobStatusService jobStatus;
    private final HpcConfig config;
    private final Clock clock;

    public HpcStatusService(Jdbi jdbi, HpcLookup lookup, JobStatusService jobStatus, HpcConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.lookup = lookup;
        this.jobStatus = jobStatus;
        this.config = config;
        this.clock = clock;
    }

    /** The result of one pull. */
    public record Pulled(JobStatusService.Result result, HpcJob remote) {
    }

    /**
     * Looks the job up and applies what the API reports; the lookup runs outside any transaction.
     *
     * @param deliveryId the delivery that asked for it, to settle in the same transaction as the change
     * @param settle called inside that transaction with the outcome (may be a no-op)
     * @throws HpcLookupException when the lookup fails (a retry is scheduled unless the API does not know the job)
     */
    public Pulled pull(Job job, Optional<Long> deliveryId, Settler settle) {
        return pull(job, deliveryId, Optional.empty(), settle);
    }

    /**
     * As {@link #pull(Job, Optional, Settler)}, recording beside the pulled status what the callback claimed.
     *
     * @param claimedStatus the status the callback's body claimed, if it claimed one
     */
    public Pulled pull(Job job, Optional<Long> deliveryId, Optional<String> claimedStatus, Settler settle) {
        HpcJob remote;
        try {
            remote = lookup.fetch(job);
        } catch (HpcLookupException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                jdbi.useExtension(HpcRetryDao.class, dao -> dao.done(job.id()));
            } else {
                scheduleRetry(job.id(), e.getMessage());
            }
            throw e;
        }
        return jdbi.inTransaction(handle -> {
            Job locked = jobStatus.lock(handle, job.id()).orElseThrow();
            JobStatusService.Result result = jobStatus.apply(handle, locked, new StatusChange(job.source(),
                    remote.status(), RemoteStatuses.fromHpc(remote.status()), remote.started(), remote.ended(),
                    deliveryId, StatusChange.Basis.PULLED, claimedStatus));
            jobStatus.markChecked(handle, job.id());
            handle.attach(HpcRetryDao.class).done(job.id());
            settle.settle(handle, result);
            return new Pulled(result, remote);
        });
    }

    /** Settles the triggering delivery inside the transaction that applies the change. */
    @FunctionalInterface
    public interface Settler {
        void settle(Handle handle, JobStatusService.Result result);
    }

    public void scheduleRetry(UUID jobId, String error) {
        Instant now = clock.instant();
        jdbi.useExtension(HpcRetryDao.class, dao -> {
            // The delay doubles with each attempt already made, up to the configured maximum.
            int attempts = dao.attempts(jobId).orElse(0);
            dao.failed(jobId, now, now.plus(backoff(attempts)), error);
        });
        LOG.info("HPC lookup for job {} failed ({}); retry scheduled", jobId, error);
    }

    Duration backoff(int attemptsSoFar) {
        long seconds = (long) config.retryInitialSeconds() << Math.min(attemptsSoFar, 20);
        return Duration.ofSeconds(Math.min(seconds, config.retryMaxSeconds()));
    }
}
