package org.callbackgateway.hpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.callbackgateway.config.HpcConfig;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.web.BackgroundLoop;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due HPC lookups on every gateway instance. Work is shared through the database: each tick claims due
 * rows with {@code SKIP LOCKED} and a lease, so no two instances run the same lookup at once, and a crashed
 * instance's claims become due again when their lease ends. Each HPC API has its own few workers, and a tick
 * claims only as many of an API's lookups as it has idle workers: a hanging API delays only its own jobs.
 */
public final class HpcRetryScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HpcRetryScheduler.class);

    private final Jdbi jdbi;
    private final JobService jobs;
    private final HpcStatusService status;
    private final HpcConfig config;
    private final Clock clock;
    private final BackgroundLoop ticks;
    private final Map<String, Workers> workers = new HashMap<>();

    /** The workers of one API and how many of them are busy. */
    private record Workers(ExecutorService executor, AtomicInteger busy) {
    }

    public HpcRetryScheduler(Jdbi jdbi, JobService jobs, HpcStatusService status, HpcConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.jobs = jobs;
        this.status = status;
        this.config = config;
        this.clock = clock;
        // The database may be away: the loop logs that once and tries again at the next tick.
        this.ticks = new BackgroundLoop("hpc-retries", Duration.ofSeconds(config.pollSeconds()), () -> {
            tick();
            return false;
        });
        for (String api : HpcLookup.HPC_SOURCES) {
            AtomicInteger count = new AtomicInteger();
            workers.put(api, new Workers(Executors.newFixedThreadPool(config.lookupThreads(),
                    runnable -> daemon(runnable, "hpc-retries-" + api + "-" + count.incrementAndGet())),
                    new AtomicInteger()));
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    public void start() {
        ticks.start();
    }

    /** One round: queue quiet jobs for a re-check, then hand due lookups to idle workers. Returns how many. */
    public int tick() {
        Instant now = clock.instant();
        jdbi.useExtension(HpcRetryDao.class, dao -> dao.queueQuietJobs(List.copyOf(HpcLookup.HPC_SOURCES), now,
                now.minusSeconds(config.recheckAfterSeconds())));
        // The lookup's deadline covers its token refresh; the margin covers the transaction that applies it.
        Instant leaseUntil = now.plus(Duration.ofMillis(2L * config.timeoutMillis())).plusSeconds(30);
        int dispatched = 0;
        for (Map.Entry<String, Workers> api : workers.entrySet()) {
            Workers pool = api.getValue();
            int idle = config.lookupThreads() - pool.busy().get();
            if (idle <= 0) {
                continue;
            }
            List<HpcRetryDao.Retry> due = jdbi.withExtension(HpcRetryDao.class,
                    dao -> dao.claimDue(api.getKey(), now, leaseUntil, idle));
            for (HpcRetryDao.Retry retry : due) {
                pool.busy().incrementAndGet();
                pool.executor().execute(() -> {
                    try {
                        run(retry, now);
                    } catch (RuntimeException e) {
                        LOG.warn("HPC lookup for job {} failed: {}", retry.jobId(), e.toString());
                    } finally {
                        pool.busy().decrementAndGet();
                    }
                });
            }
            dispatched += due.size();
        }
        return dispatched;
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
        ticks.close();
        workers.values().forEach(pool -> pool.executor().shutdownNow());
    }
}
