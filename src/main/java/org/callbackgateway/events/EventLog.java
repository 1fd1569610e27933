package org.callbackgateway.events;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.callbackgateway.callbacks.AcceptedDelivery;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log: what every feature appends to, in its own transaction, and what consumers read in order.
 *
 * <p>Positions are commit-ordered: a consumer that has read every event up to position N and then reads
 * {@code position > N} never misses one, however the appending transactions interleave (see
 * {@link EventSequencer}). An appended event becomes readable shortly after its transaction commits, once the
 * sequencer has positioned it; {@link #onAdvance} is told when that happens.
 */
public final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    public static final int MAX_READ = 1000;

    private final Jdbi jdbi;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile Runnable appended = () -> { };

    public EventLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Appends one event in the caller's transaction: one insert, nothing else on the caller's path. */
    public void append(Handle handle, NewEvent event) {
        EventAppender.append(handle, event);
        handle.afterCommit(appended);
    }

    /** Appends several events in the caller's transaction with one statement (for set-based group commits). */
    public void appendAll(Handle handle, List<NewEvent> events) {
        EventAppender.appendAll(handle, events);
        handle.afterCommit(appended);
    }

    /**
     * Appends the {@code delivery.received} event of each accepted delivery, in the caller's transaction, made from
     * the values it was stored with (and its job's owner), without reading the delivery. Its data:
     * {@code delivery_id, source, event_type, delivery_key, content_type, received_at, job_id, processing}; the
     * payload stays in the delivery (forwarding adds it, reading it by id and received time).
     */
    public void appendDeliveriesReceived(Handle handle, List<AcceptedDelivery> deliveries) {
        EventAppender.deliveriesReceived(handle, deliveries);
        handle.afterCommit(appended);
    }

    /** Events after {@code query.afterPosition()} matching its filters, in position order. */
    public List<Event> read(EventQuery query) {
        return jdbi.withHandle(handle -> read(handle, query));
    }

    /** As {@link #read(EventQuery)}, in the caller's transaction. */
    public List<Event> read(Handle handle, EventQuery query) {
        return handle.attach(EventDao.class).after(query.afterPosition(),
                query.types().toArray(String[]::new), query.sources().toArray(String[]::new),
                query.jobOwner().orElse(null), query.jobId().orElse(null), Math.min(query.limit(), MAX_READ));
    }

    /** Positioned events that occurred in {@code [since, until)}, in position order, after a position. */
    public List<Event> occurred(java.time.Instant since, java.time.Instant until, long afterPosition, int limit) {
        return jdbi.withExtension(EventDao.class, dao -> dao.occurred(since, until, afterPosition,
                Math.min(limit, MAX_READ)));
    }

    /** An event by its row id ({@link Event#rowId()}), for features that keep references to events. */
    public Optional<Event> byRowId(long rowId) {
        return jdbi.withExtension(EventDao.class, dao -> dao.byRowId(rowId));
    }

    /** One positioned or not yet positioned event by its public id. */
    public Optional<Event> find(String eventId) {
        return jdbi.withExtension(EventDao.class, dao -> dao.find(eventId));
    }

    /** The greatest position readable now (0 for an empty log). */
    public long head() {
        return jdbi.withExtension(EventDao.class, EventDao::head);
    }

    /** How many appended events wait for a position: the sequencer's backlog. */
    public long unpositioned() {
        return jdbi.withExtension(EventDao.class, EventDao::unpositioned);
    }

    /**
     * Calls {@code listener} with the new head each time this instance sees the log advance (appends of any
     * instance on the database, within the sequencer's poll interval at worst). Calls come from one background
     * thread and may repeat a head: keep them short (signal a reader, do not read on that thread). Close the
     * answer to stop them.
     */
    /**
     * What to run once a transaction that appended has committed: this instance's sequencer is woken so, in
     * process. Appends do not {@code NOTIFY} (see V12): a notifying transaction holds a database-wide lock until
     * its commit is flushed, which would serialize every callback transaction of the cluster.
     */
    void onAppended(Runnable wake) {
        this.appended = wake;
    }

    public AutoCloseable onAdvance(LongConsumer listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void advanced(long head) {
        for (LongConsumer listener : listeners) {
            try {
                listener.accept(head);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed: {}", e.toString());
            }
        }
    }
}
