package org.callbackgateway.hpc;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.callbackgateway.hpc.HpcLookupException.Kind;

/**
 * The lookups of one HPC API: a few threads and a bounded queue of its own, so that an API (or its token
 * endpoint) that hangs holds only its own lookups, and one deadline for the whole lookup, token refresh
 * included, counted from the moment it is asked for.
 */
final class LookupPool implements AutoCloseable {
    /** Requests that may wait for a thread, per thread; beyond that a lookup fails at once and is retried later. */
    private static final int QUEUE_PER_THREAD = 32;

    private final String api;
    private final Duration deadline;
    private final ThreadPoolExecutor executor;

    LookupPool(String api, int threads, Duration deadline) {
        this.api = api;
        this.deadline = deadline;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * QUEUE_PER_THREAD), runnable -> {
                    Thread thread = new Thread(runnable, "hpc-lookup-" + api + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Runs {@code lookup} on this API's threads and waits for it at most the deadline.
     *
     * @throws HpcLookupException the lookup's own, or {@code FAILED} when it is not done in time or cannot queue
     */
    <T> T call(Callable<T> lookup) {
        Future<T> future;
        try {
            future = executor.submit(lookup);
        } catch (RejectedExecutionException e) {
            throw new HpcLookupException(Kind.FAILED, "too many lookups waiting for " + api, null);
        }
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Interrupting the thread ends its HTTP exchange, so the thread is free for the next lookup.
            future.cancel(true);
            throw new HpcLookupException(Kind.FAILED, api + " lookup not done within " + deadline.toMillis()
                    + " ms (token refresh included)", null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new HpcLookupException(Kind.FAILED, "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HpcLookupException lookupFailure) {
                throw lookupFailure;
            }
            throw new HpcLookupException(Kind.FAILED, "lookup failed: " + e.getCause().getClass().getSimpleName(),
                    e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
