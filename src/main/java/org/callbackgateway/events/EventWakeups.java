package org.callbackgateway.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.callbackgateway.config.ListenConfig;
import org.callbackgateway.db.ListenConnections;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for the positions that any instance's sequencer gave (appends themselves do not notify, see V12; an
 * instance's own appends wake its sequencer in process) on one long-lived connection and wakes the sequencer,
 * which then tells this instance's readers, so that events appended anywhere reach them within milliseconds of
 * their commit rather than at the next poll. The connection is {@code GATEWAY_DB_LISTEN_URL}'s
 * when set (past a transaction pooler), else one of the pool's; a probe notification checks that notifications
 * really arrive on it. While there is none (the database away, a pooler that cannot carry {@code LISTEN}) the
 * sequencer's poll still does the work: the log, not the notifications, is the truth.
 */
public final class EventWakeups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventWakeups.class);
    private static final Duration PROBE_WAIT = Duration.ofSeconds(10);
    private static final long FIRST_RETRY_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 5000;
    /** After notifications did not arrive: a configuration to fix, not a blip, so no hurry. */
    private static final long RETRY_POOLED_AFTER_LOST_PROBE_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final long RETRY_DIRECT_AFTER_LOST_PROBE_MILLIS = Duration.ofMinutes(1).toMillis();
    /** A quiet connection runs a query this often, so that a dead peer shows (as an error) within seconds. */
    private static final long LIVENESS_NANOS = Duration.ofSeconds(10).toNanos();

    private final ListenConnections connections;
    private final NotificationProbe probe;
    private final EventSequencer sequencer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;
    private volatile boolean arriving;
    private long retryMillis = FIRST_RETRY_MILLIS;

    public EventWakeups(ListenConnections connections, Jdbi jdbi, EventSequencer sequencer) {
        this.connections = connections;
        this.probe = new NotificationProbe(jdbi);
        this.sequencer = sequencer;
        this.thread = new Thread(this::loop, "event-wakeups");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            long delay;
            try {
                delay = listenUntilLost();
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (isNotPostgres(e)) {
                    LOG.info("event notifications unavailable ({}); the sequencer polls", e.toString());
                    return;
                }
                delay = retryMillis;
                retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
                LOG.warn("listening for event notifications on {} failed (again in {} ms): {}",
                        connections.description(), delay, e.toString());
            }
            sleep(delay);
        }
    }

    /** Listens until the connection fails (thrown) or is closed; returns the wait before the next try. */
    private long listenUntilLost() throws SQLException {
        try (Connection listening = connections.open()) {
            connection = listening;
            listening.setAutoCommit(true);
            PGConnection postgres = listening.unwrap(PGConnection.class);
            try (Statement statement = listening.createStatement()) {
                statement.execute("LISTEN " + EventSequencer.POSITIONS_CHANNEL);
                statement.execute("LISTEN " + NotificationProbe.CHANNEL);
            }
            if (!probe.reaches(postgres, PROBE_WAIT)) {
                return notArriving();
            }
            LOG.info("listening for event notifications on {}", connections.description());
            arriving = true;
            retryMillis = FIRST_RETRY_MILLIS;
            // Anything that happened while not listening is picked up by this round.
            sequencer.wake();
            listen(listening, postgres);
            return 0;
        } finally {
            arriving = false;
            connection = null;
        }
    }

    /** Whether notifications arrive now, checked by a probe when the connection was opened. */
    public boolean listening() {
        return arriving;
    }

    private long notArriving() {
        if (connections.direct()) {
            LOG.warn("event notifications do not arrive on {}: is it a transaction pooler rather than PostgreSQL itself?"
                    + " Events become readable within GATEWAY_EVENTS_POLL_MS meanwhile; trying again in 1 min",
                    connections.description());
            return RETRY_DIRECT_AFTER_LOST_PROBE_MILLIS;
        }
        LOG.warn("event notifications do not arrive on a connection of the pool (a transaction pooler such as PgBouncer"
                + " in front of it?): set {} to a direct JDBC URL. Events become readable within GATEWAY_EVENTS_POLL_MS"
                + " meanwhile; trying again in 10 min", ListenConfig.URL);
        return RETRY_POOLED_AFTER_LOST_PROBE_MILLIS;
    }

    private void listen(Connection listening, PGConnection postgres) throws SQLException {
        long checked = System.nanoTime();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(1000);
            if (wakesSequencer(notifications)) {
                sequencer.wake();
            } else if (System.nanoTime() - checked > LIVENESS_NANOS) {
                try (Statement statement = listening.createStatement()) {
                    statement.execute("SELECT 1");
                }
                checked = System.nanoTime();
            }
        }
    }

    private static boolean wakesSequencer(PGNotification[] notifications) {
        if (notifications != null) {
            for (PGNotification notification : notifications) {
                if (!NotificationProbe.CHANNEL.equals(notification.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNotPostgres(Exception e) {
        return e instanceof java.sql.SQLFeatureNotSupportedException
                || (e instanceof SQLException && e.getMessage() != null && e.getMessage().contains("wrap"));
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection open = connection;
        try {
            thread.join(3000);
            if (thread.isAlive() && open != null) {
                open.close();
            }
        } catch (InterruptedException | SQLException e) {
            LOG.debug("closing the notification connection: {}", e.toString());
        }
    }
}
