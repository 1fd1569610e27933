package org.callbackgateway.oauth;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired authorization requests periodically.
 *
 * <p>Safe with several gateway instances on one database without any coordination: each run is one idempotent
 * {@code DELETE ... WHERE expires_at < now}; two instances running it at once delete disjoint rows or nothing
 * (PostgreSQL row locks settle the overlap), and consuming a state never depends on this clean-up, because an
 * expired state is refused by its own expiry check.
 */
public final class ExpiredStateCleaner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredStateCleaner.class);

    private final AuthorizationRequestService authorizationRequests;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public ExpiredStateCleaner(AuthorizationRequestService authorizationRequests, Duration interval) {
        this.authorizationRequests = authorizationRequests;
        this.interval = interval;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "oauth-expired-state-cleaner");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One clean-up; a failure (the database away) is logged and the next run tries again. */
    public int runOnce() {
        try {
            int deleted = authorizationRequests.deleteExpired();
            if (deleted > 0) {
                LOG.debug("deleted {} expired authorization requests", deleted);
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.warn("expired authorization requests were not deleted: {}", e.toString());
            return 0;
        }
    }

    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
