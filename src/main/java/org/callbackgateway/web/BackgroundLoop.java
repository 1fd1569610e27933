package org.callbackgateway.web;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feature's background work on a named daemon thread of its own: the step runs again at once while it says
 * more work is waiting (a backlog drains without sleeping), else after {@link #wake()} or at the latest one
 * interval after the previous step ended. After a failure the loop waits out a growing backoff, which a wake-up
 * does not cut short (work that is waiting gets done when the backoff ends; the backoff is there to spare a
 * database that is away), and logs only when it starts failing and when it works again.
 *
 * <p>The first step runs one interval after {@link #start()}, or on the first wake-up.
 */
public final class BackgroundLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);

    /** One unit of background work. */
    @FunctionalInterface
    public interface Step {
        /** Does some work; returns true when more is waiting now, so that the loop runs it again at once. */
        boolean run() throws Exception;
    }

    /**
     * How a loop backs off and stops.
     *
     * @param backoffFloor the shortest wait after a failure
     * @param backoffCap the longest wait after failures, unless the interval is longer (then the interval)
     * @param stopGrace how long {@link #close()} waits for a running step before it interrupts it, and then again
     *                  for the interrupted step to end
     */
    public record Timing(Duration backoffFloor, Duration backoffCap, Duration stopGrace) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }

    private final Step step;
    private final Duration interval;
    private final Timing timing;
    private final Thread thread;
    private final LoopHealth health;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private volatile boolean closing;

    public BackgroundLoop(String name, Duration interval, Step step) {
        this(name, interval, Timing.DEFAULT, step);
    }

    public BackgroundLoop(String name, Duration interval, Timing timing, Step step) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval of " + name + " must be positive: " + interval);
        }
        this.step = step;
        this.interval = interval;
        this.timing = timing;
        this.health = new LoopHealth(name, LOG);
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        // Errors (out of memory, a broken class path) are not retried: the loop ends, and says so.
        this.thread.setUncaughtExceptionHandler((dead, error) ->
                LOG.error("{} stopped: {}", dead.getName(), FailureSummary.of(error)));
    }

    /** Starts the thread; once only. */
    public void start() {
        thread.start();
    }

    /** Asks for a step soon, without waiting for the interval; wake-ups while a step runs give one more step. */
    public void wake() {
        signal(false);
    }

    /** True once {@link #close()} was called: a long step checks it to stop early. */
    public boolean closing() {
        return closing;
    }

    private void loop() {
        LoopBackoff backoff = new LoopBackoff(interval, timing.backoffFloor(), timing.backoffCap());
        long waitNanos = interval.toNanos();
        boolean wakeEndsWait = true;
        while (awaitTurn(waitNanos, wakeEndsWait)) {
            try {
                boolean more = step.run();
                health.succeeded();
                backoff.reset();
                waitNanos = more ? 0 : interval.toNanos();
                wakeEndsWait = true;
            } catch (Exception failure) {
                if (closing) {
                    return;
                }
                Duration wait = backoff.next();
                health.failed(failure, wait);
                waitNanos = wait.toNanos();
                wakeEndsWait = false;
            }
        }
    }

    private void signal(boolean close) {
        lock.lock();
        try {
            woken = true;
            closing |= close;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} (or for a wake-up, when it counts), then takes the wake-up; false once closing. */
    private boolean awaitTurn(long nanos, boolean wakeEndsWait) {
        lock.lock();
        try {
            long remaining = nanos;
            while (!closing && remaining > 0 && !(woken && wakeEndsWait)) {
                try {
                    remaining = signal.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    // Only close() interrupts this thread; the loop condition sees it closing.
                }
            }
            woken = false;
            return !closing;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the loop: no step starts any more; a running step gets the grace period to end, then it is interrupted
     * and given the grace period again. Returns within twice the grace period even if the step ignores that.
     */
    @Override
    public void close() {
        signal(true);
        if (!thread.isAlive() || Thread.currentThread() == thread) {
            return;
        }
        long grace = timing.stopGrace().toMillis();
        try {
            thread.join(grace);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(grace);
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within {} ms of being interrupted; it is left to end on its own",
                    thread.getName(), grace);
        }
    }
}
