package org.callbackgateway.events;

import java.time.Duration;
import org.callbackgateway.web.BackgroundLoop;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Gives appended events their positions, in commit order.
 *
 * <p>Why positions cannot come with the insert: ids (and any sequence value taken at insert time) are handed out
 * in insert order, but transactions commit in another order, so a reader that has seen id 7 may later see id 6
 * commit. Here appends insert with no position, and one sequencer at a time across the cluster (whoever holds
 * the advisory lock, in a transaction of its own) numbers every committed unpositioned row after the greatest
 * position so far. Rows it cannot see yet (uncommitted) get later numbers in a later round, so a position is only
 * ever given once every smaller one is committed and visible.
 *
 * <p>Each instance runs one, woken in process when one of its own appending transactions commits
 * ({@link EventLog#onAppended}), by another instance's positions ({@link EventWakeups}) and by a poll. An instance
 * whose round finds the lock taken tries again shortly: the holder may have taken its snapshot before this
 * instance's appends committed.
 */
public final class EventSequencer implements AutoCloseable {
    /** pg_try_advisory_xact_lock key of the sequencer (per database). */
    static final long LOCK_KEY = 0x6576656e74735351L;
    static final String POSITIONS_CHANNEL = "gateway_event_positions";
    private static final int BATCH = 5000;
    /** How long to wait before trying again when another instance holds the lock. */
    private static final long LOCK_RETRY_MILLIS = 10;
    private static final int LOCK_MISSED = -1;
    private static final String POSITION = """
            UPDATE events e SET position = base.head + numbered.n
              FROM (SELECT id, row_number() OVER (ORDER BY id) AS n
                      FROM events WHERE position IS NULL ORDER BY id LIMIT ?) numbered,
                   (SELECT coalesce(max(position), 0) AS head FROM events) base
             WHERE e.id = numbered.id
            """;

    private final Jdbi jdbi;
    private final EventLog log;
    private final BackgroundLoop loop;
    private long lastHead = -1;

    public EventSequencer(Jdbi jdbi, EventLog log, Duration poll) {
        this.jdbi = jdbi;
        this.log = log;
        this.loop = new BackgroundLoop("event-sequencer", poll, this::positionAndTell);
    }

    public void start() {
        loop.start();
    }

    /** Asks for a round now (events were appended, or another instance positioned some). */
    public void wake() {
        loop.wake();
    }

    /**
     * Positions every committed unpositioned event, if this instance is the sequencer now; returns how many.
     * Public for tests and tools; the background thread calls it.
     */
    public int positionCommitted() {
        return Math.max(0, positionOrMiss());
    }

    /** As {@link #positionCommitted}, or {@code LOCK_MISSED} when another instance held the lock. */
    private int positionOrMiss() {
        int total = 0;
        while (true) {
            int positioned = jdbi.inTransaction(this::round);
            if (positioned == LOCK_MISSED) {
                return total == 0 ? LOCK_MISSED : total;
            }
            total += positioned;
            if (positioned < BATCH) {
                return total;
            }
        }
    }

    private int round(Handle handle) {
        // The lock is taken in a statement of its own: the UPDATE's snapshot is then taken after the previous
        // sequencer's commit (which released the lock), so it sees that sequencer's positions.
        boolean sequencer = handle.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .bind("key", LOCK_KEY).mapTo(Boolean.class).one();
        if (!sequencer) {
            return LOCK_MISSED;
        }
        int positioned = handle.execute(POSITION, BATCH);
        if (positioned > 0) {
            handle.createQuery("SELECT pg_notify(:channel, '')::text").bind("channel", POSITIONS_CHANNEL)
                    .mapTo(String.class).one();
        }
        return positioned;
    }

    /** One round of the background thread: position what is committed, then tell the listeners if the head moved. */
    private boolean positionAndTell() throws InterruptedException {
        boolean missed = positionOrMiss() == LOCK_MISSED;
        long head = log.head();
        if (head != lastHead) {
            lastHead = head;
            log.advanced(head);
        }
        if (missed) {
            // The holder's round is a few milliseconds; this instance's appends may be newer than its snapshot.
            Thread.sleep(LOCK_RETRY_MILLIS);
        }
        return missed;
    }

    @Override
    public void close() {
        loop.close();
    }
}
