package org.callbackgateway.hpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.callbackgateway.config.HpcConfig;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobService;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due HPC lookups on every gateway instance. Work is shared through the database: each tick claims due
 * rows with {@code SKIP LOCKED} and a lease, so no two instances run the same lookup at once, and a crashed
 * instance's claims become due again when their lease ends.
 */
public final class HpcRetryScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HpcRetryScheduler.class);
    private static final int BATCH = 20;

    private final Jdbi jdbi;
    private final JobService jobs;
    private final HpcStatusService status;
    private final HpcConfig config;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hpc-retries");
        thread.setDaemon(true);
        return thread;
    });

    public HpcRetryScheduler(Jdbi jdbi, JobService jobs, HpcStatusService status, HpcConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.jobs = jobs;
        this.status = status;
        this.config = config;
        this.clock = clock;
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::tickSafely, config.pollSeconds(), config.pollSeconds(), TimeUnit.SECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // The database may be away; the next tick tries again.
            LOG.warn("HPC retry tick failed: {}", e.toString());
        }
    }

    /** One round: queue quiet jobs for a re-check, then run the lookups that are due. Returns how many ran. */
    public int tick() {
        Instant now = clock.instant();
        jdbi.useExtension(HpcRetryDao.class, dao -> dao.queueQuietJobs(List.copyOf(HpcLookup.HPC_SOURCES), now,
                now.minusSeconds(config.recheckAfterSeconds())));
        // Long enough for a lookup with its token refresh to finish before another instance may claim the row.
        Instant leaseUntil = now.plus(Duration.ofMillis(4L * config.timeoutMillis())).plusSeconds(30);
        List<HpcRetryDao.Retry> due = jdbi.withExtension(HpcRetryDao.class, dao -> dao.claimDue(now, leaseUntil, BATCH));
        for (HpcRetryDao.Retry retry : due) {
            run(retry, now);
        }
        return due.size();
    }

    private void run(HpcRetryDao.Retry retry, Instant now) {
        Optional<Job> job = jobs.find(retry.jobId());
        if (job.isEmpty() || job.get().status().isTerminal() || job.get().externalId() == null) {
            jdbi.useExtension(HpcRetryDao.class, dao -> dao.done(retry.jobId()));
            return;
        }
        if (retry.attempts() > 0 && retry.firstFailedAt().plus(Duration.ofHours(config.giveUpHours())).isBefore(now)) {
            jdbi.useExtension(HpcRetryDao.class, dao -> dao.done(retry.jobId()));
            LOG.warn("HPC lookups for job {} failed for {} hours; giving up until its next callback",
                    retry.jobId(), config.giveUpHours());
            return;
        }
        try {
            HpcStatusService.Pulled pulled = status.pull(job.get(), Optional.empty(), (handle, result) -> { });
            LOG.info("HPC lookup for job {}: {} ({})", retry.jobId(), pulled.remote().status(),
                    pulled.result().outcome().dbValue());
        } catch (HpcLookupException e) {
            LOG.info("HPC lookup for job {} failed again: {}", retry.jobId(), e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
