package org.callbackgateway.oauth;

import java.time.Duration;
import org.callbackgateway.web.BackgroundLoop;
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
    private BackgroundLoop loop;

    public ExpiredStateCleaner(AuthorizationRequestService authorizationRequests, Duration interval) {
        this.authorizationRequests = authorizationRequests;
        this.interval = interval;
    }

    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = new BackgroundLoop("oauth-expired-state-cleaner", interval, () -> {
            runOnce();
            return false;
        });
        loop.start();
    }

    /** One clean-up; returns how many expired requests it deleted. In the background a failure is retried. */
    public int runOnce() {
        int deleted = authorizationRequests.deleteExpired();
        if (deleted > 0) {
            LOG.debug("deleted {} expired authorization requests", deleted);
        }
        return deleted;
    }

    @Override
    public synchronized void close() {
        if (loop == null) {
            return;
        }
        loop.close();
        loop = null;
    }
}
