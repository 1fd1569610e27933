package org.callbackgateway.forwarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.callbackgateway.web.BackgroundLoop;
import org.jdbi.v3.core.Jdbi;

/**
 * This instance's forwarding thread: fans out new events, then dispatches due messages; woken when the log
 * advances and when a request ends, else every poll interval (which also picks up retries that came due and
 * work queued by other instances).
 */
final class ForwardingLoop implements AutoCloseable {
    private static final Duration METRICS_EVERY = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final FanOut fanOut;
    private final Dispatcher dispatcher;
    private final ForwardingMetrics metrics;
    private final Clock clock;
    private final BackgroundLoop loop;
    private Instant metricsDue = Instant.MIN;

    ForwardingLoop(Jdbi jdbi, FanOut fanOut, DispatcherFactory dispatchers, ForwardingMetrics metrics, Duration poll,
                   Clock clock) {
        this.jdbi = jdbi;
        this.fanOut = fanOut;
        this.dispatcher = dispatchers.create(this::wake);
        this.metrics = metrics;
        this.clock = clock;
        this.loop = new BackgroundLoop("forwarding", poll, this::round);
    }

    /** Builds the dispatcher with the loop's wake-up. */
    interface DispatcherFactory {
        Dispatcher create(Runnable wake);
    }

    void start() {
        loop.start();
    }

    void wake() {
        loop.wake();
    }

    private boolean round() {
        fanOut.run();
        dispatcher.dispatch();
        refreshMetrics();
        return false;
    }

    private void refreshMetrics() {
        Instant now = clock.instant();
        if (now.isBefore(metricsDue)) {
            return;
        }
        metricsDue = now.plus(METRICS_EVERY);
        metrics.backlog(jdbi.withExtension(OutboundDao.class, dao -> dao.backlog(now)));
    }

    @Override
    public void close() {
        loop.close();
        dispatcher.close();
    }
}
