package org.callbackgateway.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the short transactions of concurrent requests together (group commit): a writer thread takes every
 * unit of work waiting, runs them one after another in one transaction and commits once, so that one WAL flush
 * serves many requests. Each caller still returns only after its own unit is committed, with its own result or
 * exception, exactly as if it had run alone.
 *
 * <p>Units submitted with a {@link BatchWork} are handed to it together, all those of the same work in one call, so
 * that a batch costs a fixed number of statements (and round trips) whatever its size; units given as a plain
 * function run one after the other on the writer's connection. A unit that fails makes the writer roll the batch
 * back and run each of its units again in a transaction of its own, so that one bad request never takes others
 * down with it.
 */
public final class GroupCommitter implements Transactions, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final Jdbi jdbi;
    private final int maxBatch;
    private final BlockingQueue<Unit<?>> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();

    /**
     * @param writers how many batches may be in flight at once: one is executing while another waits for its
     *                WAL flush. Batches of different writers that lock the same rows in another order may
     *                deadlock; PostgreSQL then aborts one, and its units run again one by one.
     */
    public GroupCommitter(Jdbi jdbi, int maxBatch, int writers) {
        this.jdbi = jdbi;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(maxBatch * 64);
        for (int i = 0; i < writers; i++) {
            Thread writer = new Thread(this::writeLoop, "group-commit-" + i);
            writer.setDaemon(true);
            writer.start();
            this.writers.add(writer);
        }
    }

    /** One caller's unit: a transaction body, or an item for a batch work; and where its outcome goes. */
    private static final class Unit<R> {
        final Function<Handle, R> work;
        final BatchWork<Object, R> batchWork;
        final Object item;
        final CompletableFuture<R> outcome = new CompletableFuture<>();
        R result;

        Unit(Function<Handle, R> work, BatchWork<Object, R> batchWork, Object item) {
            this.work = work;
            this.batchWork = batchWork;
            this.item = item;
        }

        R runAlone(Handle handle) {
            return batchWork == null ? work.apply(handle) : batchWork.runOne(handle, item);
        }

        void complete() {
            outcome.complete(result);
        }
    }

    @Override
    public <R> R inTransaction(Function<Handle, R> work) {
        return await(new Unit<>(work, null, null));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U, R> R submit(BatchWork<U, R> work, U item) {
        return await(new Unit<>(null, (BatchWork<Object, R>) work, item));
    }

    private <R> R await(Unit<R> unit) {
        if (!running || !queue.offer(unit)) {
            // Shutting down, or more waiting than a batch can take: run alone rather than queue without bound.
            return jdbi.inTransaction(unit::runAlone);
        }
        try {
            return unit.outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        }
    }

    private void writeLoop() {
        List<Unit<?>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException | Error unexpected) {
                LOG.error("group commit writer failed; the batch is answered with the failure", unexpected);
                batch.forEach(unit -> unit.outcome.completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    /** Units waiting for a writer. */
    public int queued() {
        return queue.size();
    }

    /** Units run so far, for metrics. */
    public long units() {
        return units.get();
    }

    /** Commits made for them so far: the fewer per unit, the more each flush served. */
    public long commits() {
        return commits.get();
    }

    private void commit(List<Unit<?>> batch) {
        units.addAndGet(batch.size());
        commits.incrementAndGet();
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        try {
            jdbi.useTransaction(handle -> runTogether(handle, batch));
        } catch (RuntimeException failure) {
            if (DatabaseFailures.isUnavailable(failure)) {
                // Nothing of the batch was committed, and running the units again would fail the same way.
                batch.forEach(unit -> unit.outcome.completeExceptionally(failure));
                return;
            }
            // One unit failed (or the batch did, as a whole): nothing was committed; give each its own transaction.
            batch.forEach(this::runAlone);
            return;
        }
        batch.forEach(Unit::complete);
    }

    /** Plain units one by one; the units of each batch work in one call, in arrival order. */
    private static void runTogether(Handle handle, List<Unit<?>> batch) {
        Map<BatchWork<Object, ?>, List<Unit<?>>> byWork = new LinkedHashMap<>();
        for (Unit<?> unit : batch) {
            if (unit.batchWork == null) {
                runPlain(handle, unit);
            } else {
                byWork.computeIfAbsent(unit.batchWork, work -> new ArrayList<>()).add(unit);
            }
        }
        byWork.forEach((work, units) -> runBatch(handle, work, units));
    }

    private static <R> void runPlain(Handle handle, Unit<R> unit) {
        unit.result = unit.work.apply(handle);
    }

    @SuppressWarnings("unchecked")
    private static void runBatch(Handle handle, BatchWork<Object, ?> work, List<Unit<?>> units) {
        List<Object> items = new ArrayList<>(units.size());
        units.forEach(unit -> items.add(unit.item));
        List<?> results = work.runAll(handle, items);
        if (results.size() != units.size()) {
            throw new IllegalStateException("batch work returned " + results.size() + " results for "
                    + units.size() + " units");
        }
        for (int i = 0; i < units.size(); i++) {
            ((Unit<Object>) units.get(i)).result = results.get(i);
        }
    }

    private <R> void runAlone(Unit<R> unit) {
        try {
            unit.outcome.complete(jdbi.inTransaction(unit::runAlone));
        } catch (RuntimeException | Error failure) {
            unit.outcome.completeExceptionally(failure);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            for (Thread writer : writers) {
                writer.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
