package org.callbackgateway.forwarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's forwarding thread: fans out new events, then dispatches due messages; woken when the log
 * advances and when a request ends, else every poll interval (which also picks up retries that came due and
 * work queued by other instances).
 */
final class ForwardingLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardingLoop.class);
    private static final Duration METRICS_EVERY = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final FanOut fanOut;
    private final Dispatcher dispatcher;
    private final ForwardingMetrics metrics;
    private final Duration poll;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private Instant metricsDue = Instant.MIN;

    ForwardingLoop(Jdbi jdbi, FanOut fanOut, DispatcherFactory dispatchers, ForwardingMetrics metrics, Duration poll,
                   Clock clock) {
        this.jdbi = jdbi;
        this.fanOut = fanOut;
        this.dispatcher = dispatchers.create(this::wake);
        this.metrics = metrics;
        this.poll = poll;
        this.clock = clock;
        this.thread = new Thread(this::loop, "forwarding");
        this.thread.setDaemon(true);
    }

    /** Builds the dispatcher with the loop's wake-up. */
    interface DispatcherFactory {
        Dispatcher create(Runnable wake);
    }

    void start() {
        thread.start();
    }

    void wake() {
        wake.release();
    }

    private void loop() {
        long waitMillis = poll.toMillis();
        while (running) {
            try {
                wake.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                fanOut.run();
                dispatcher.dispatch();
                refreshMetrics();
                waitMillis = poll.toMillis();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                waitMillis = Math.min(Math.max(waitMillis * 2, 100), 5000);
                LOG.warn("forwarding round failed (next in {} ms): {}", waitMillis, e.toString());
            }
        }
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
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
    }
}
