package org.callbackgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.callbackgateway.db.ListenConnections;
import org.callbackgateway.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Positions are safe under concurrent commits: a consumer reading "after my last position" never skips an event,
 * while a consumer reading by insertion id (what a plain bigserial position would be) does.
 */
class EventLogPositionsTest {
    private static TestDatabase database;
    private static EventLog log;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.migrated("event_positions");
        log = new EventLog(database.jdbi());
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyLog() {
        database.jdbi().useHandle(handle -> handle.execute("TRUNCATE events RESTART IDENTITY"));
    }

    private static NewEvent event(String marker) {
        return new NewEvent(EventTypes.DELIVERY_RECEIVED, "test", null, null, null, Instant.now(),
                "{\"marker\":\"" + marker + "\"}");
    }

    @Test
    void anEventCommittedAfterALaterOneIsStillRead() {
        EventSequencer sequencer = new EventSequencer(database.jdbi(), log, Duration.ofSeconds(1));
        try (Handle slow = database.jdbi().open()) {
            slow.begin();
            log.append(slow, event("first inserted, last committed"));
            database.jdbi().useTransaction(fast -> log.append(fast, event("second inserted, first committed")));
            sequencer.positionCommitted();

            List<Event> firstRead = log.read(EventQuery.after(0, 100));
            long naiveCursor = maxRowId(firstRead);
            slow.commit();
            sequencer.positionCommitted();
            List<Event> secondRead = log.read(EventQuery.after(firstRead.get(firstRead.size() - 1).position(), 100));

            assertThat(firstRead).extracting(Event::data).containsExactly("{\"marker\": \"second inserted, first committed\"}");
            assertThat(secondRead).extracting(Event::data).containsExactly("{\"marker\": \"first inserted, last committed\"}");
            assertThat(secondRead.get(0).position()).isGreaterThan(firstRead.get(0).position());
            // A reader by insertion id has moved past the slow transaction's row before it committed: lost.
            assertThat(idsAfter(naiveCursor)).isEmpty();
        }
    }

    @Test
    void manyWritersCommittingOutOfIdOrderLoseNothing() throws Exception {
        EventSequencer sequencer = new EventSequencer(database.jdbi(), log, Duration.ofMillis(20));
        EventWakeups wakeups = new EventWakeups(ListenConnections.pooled(database.dataSource()), database.jdbi(), sequencer);
        sequencer.start();
        wakeups.start();
        int writers = 6;
        int transactionsEach = 40;
        AtomicLong commitOrder = new AtomicLong();
        ConcurrentLinkedQueue<long[]> commits = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Event> consumed = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> consumer = pool.submit(() -> consume(consumed, writing));
            List<Future<Integer>> appended = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                appended.add(pool.submit(() -> write(writer, transactionsEach, commitOrder, commits)));
            }
            int total = 0;
            for (Future<Integer> each : appended) {
                total += each.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            consumer.get(60, TimeUnit.SECONDS);

            assertThat(consumed).hasSize(total);
            assertThat(consumed).extracting(Event::position)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(new HashSet<>(consumed.stream().map(Event::id).toList())).hasSize(total);
            // The test is only worth something if commits did overtake each other: count the pairs.
            assertThat(inversions(new ArrayList<>(commits))).isPositive();
        } finally {
            pool.shutdownNow();
            wakeups.close();
            sequencer.close();
        }
    }

    /** One writer: transactions of one to three events that stay open for a random while before committing. */
    private static int write(int writer, int transactions, AtomicLong commitOrder, ConcurrentLinkedQueue<long[]> commits)
            throws InterruptedException {
        int appended = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int t = 0; t < transactions; t++) {
            int count = 1 + random.nextInt(3);
            try (Handle handle = database.jdbi().open()) {
                handle.begin();
                List<NewEvent> events = new ArrayList<>();
                for (int e = 0; e < count; e++) {
                    events.add(event(writer + "-" + t + "-" + e));
                }
                if (count == 1) {
                    log.append(handle, events.get(0));
                } else {
                    log.appendAll(handle, events);
                }
                long firstId = handle.createQuery("SELECT max(id) FROM events WHERE data->>'marker' = :marker")
                        .bind("marker", writer + "-" + t + "-0").mapTo(Long.class).one();
                Thread.sleep(random.nextInt(6));
                handle.commit();
                commits.add(new long[] {firstId, commitOrder.incrementAndGet()});
            }
            appended += count;
        }
        return appended;
    }

    private static void consume(List<Event> consumed, AtomicBoolean writing) {
        long cursor = 0;
        while (true) {
            boolean stillWriting = writing.get();
            List<Event> page = log.read(EventQuery.after(cursor, 50));
            for (Event event : page) {
                assertThat(event.position()).isGreaterThan(cursor);
                consumed.add(event);
                cursor = event.position();
            }
            if (page.isEmpty() && !stillWriting && log.unpositioned() == 0 && cursor == log.head()) {
                return;
            }
        }
    }

    private static long inversions(List<long[]> commits) {
        long count = 0;
        for (long[] a : commits) {
            for (long[] b : commits) {
                if (a[0] < b[0] && a[1] > b[1]) {
                    count++;
                }
            }
        }
        return count;
    }

    private static long maxRowId(List<Event> events) {
        return events.stream().mapToLong(Event::rowId).max().orElse(0);
    }

    private static Set<Long> idsAfter(long id) {
        return new HashSet<>(database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT id FROM events WHERE id > :id").bind("id", id).mapTo(Long.class).list()));
    }
}
