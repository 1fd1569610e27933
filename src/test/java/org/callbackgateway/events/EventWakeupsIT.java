package org.callbackgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.callbackgateway.cluster.JdbcAddress;
import org.callbackgateway.cluster.PgBouncer;
import org.callbackgateway.config.ListenConfig;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.db.ListenConnections;
import org.callbackgateway.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event log's wake-ups when the pool goes through PgBouncer in transaction pooling mode, with the
 * sequencer's poll at a minute so that only a notification can position an event within seconds: a connection
 * of the pool is found not to receive notifications (and is given up, the poll still working), a direct
 * connection ({@code GATEWAY_DB_LISTEN_URL}) receives them, and listens again after its backend is terminated.
 */
class EventWakeupsIT {
    private static final Duration POLL = Duration.ofSeconds(60);
    /** Well below {@link #POLL}, generous for a loaded machine. */
    private static final Duration WAKE_UP_BOUND = Duration.ofSeconds(15);

    private static TestDatabase database;
    private static PgBouncer pgBouncer;
    private static HikariDataSource pooled;
    private static Jdbi jdbi;
    private static EventLog log;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.migrated("event_wakeups");
        JdbcAddress address = JdbcAddress.parse(database.url());
        Path folder = Files.createDirectories(Path.of("target", "event-wakeups-it")).toAbsolutePath();
        pgBouncer = PgBouncer.start(Files.createTempDirectory(folder, "pgbouncer"), address.port(), address.database(), 4);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pgBouncer.jdbcUrl(address.database()));
        config.setMaximumPoolSize(4);
        pooled = new HikariDataSource(config);
        jdbi = JdbiFactory.create(pooled);
        log = new EventLog(jdbi);
    }

    @AfterAll
    static void stop() {
        pooled.close();
        pgBouncer.close();
        database.close();
    }

    @Test
    void aConnectionOfATransactionPoolerIsFoundDeafAndGivenUp() throws Exception {
        EventSequencer sequencer = new EventSequencer(jdbi, log, POLL);
        try (EventWakeups wakeups = new EventWakeups(ListenConnections.pooled(pooled), jdbi, sequencer)) {
            sequencer.start();
            wakeups.start();
            long before = appendOne("through the pooler");
            // The probe waits 10 s for its notification; it never comes through PgBouncer.
            Thread.sleep(12_000);
            assertThat(wakeups.listening()).isFalse();
            assertThat(log.head()).as("positioned only by the poll, a minute away").isEqualTo(before);
        } finally {
            sequencer.close();
        }
    }

    @Test
    void aDirectConnectionIsWokenAndListensAgainAfterItsBackendIsTerminated() throws Exception {
        ListenConnections direct = ListenConnections.of(
                Optional.of(new ListenConfig(database.url(), Optional.empty(), Optional.empty())), pooled, 3000);
        EventSequencer sequencer = new EventSequencer(jdbi, log, POLL);
        try (EventWakeups wakeups = new EventWakeups(direct, jdbi, sequencer)) {
            sequencer.start();
            wakeups.start();
            await(wakeups::listening, "listening");
            assertPositionedByANotification("first");

            long terminated = database.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = ?", ListenConnections.APPLICATION_NAME);
            assertThat(terminated).isEqualTo(1);
            await(() -> !wakeups.listening(), "noticed the lost connection");
            await(wakeups::listening, "listening again");
            assertPositionedByANotification("after the reconnection");
        } finally {
            sequencer.close();
        }
    }

    private static void assertPositionedByANotification(String marker) throws InterruptedException {
        long before = appendOne(marker);
        await(() -> log.head() > before, "the event of '" + marker + "' positioned");
    }

    /**
     * Appends one event through the pooler, as another instance would (nothing wakes this sequencer in process),
     * then sends the notification that instance's sequencer would send; returns the log's head before it.
     */
    private static long appendOne(String marker) {
        long head = log.head();
        jdbi.useTransaction(handle -> log.append(handle, new NewEvent(EventTypes.DELIVERY_RECEIVED, "test", null, null,
                null, Instant.now(), "{\"marker\":\"" + marker + "\"}")));
        jdbi.useHandle(handle -> handle.createQuery("SELECT pg_notify(:channel, '')::text")
                .bind("channel", EventSequencer.POSITIONS_CHANNEL).mapTo(String.class).one());
        return head;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAKE_UP_BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + WAKE_UP_BOUND);
            }
            Thread.sleep(20);
        }
    }
}
