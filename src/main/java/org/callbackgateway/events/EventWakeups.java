package org.callbackgateway.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for the database's event notifications (appends of any instance, positions given by any instance's
 * sequencer) on one connection of its own and wakes the sequencer, so that events become readable within
 * milliseconds of their commit rather than at the next poll. Without it (a pool that does not hand out the
 * PostgreSQL connection, a lost connection being re-opened) the sequencer's poll still does the work.
 */
public final class EventWakeups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventWakeups.class);
    static final String APPENDED_CHANNEL = "gateway_events_appended";

    private final DataSource dataSource;
    private final EventSequencer sequencer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    public EventWakeups(DataSource dataSource, EventSequencer sequencer) {
        this.dataSource = dataSource;
        this.sequencer = sequencer;
        this.thread = new Thread(this::loop, "event-wakeups");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        long retryMillis = 500;
        while (running) {
            try (Connection listening = dataSource.getConnection()) {
                connection = listening;
                listening.setAutoCommit(true);
                PGConnection postgres = listening.unwrap(PGConnection.class);
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + APPENDED_CHANNEL);
                    statement.execute("LISTEN " + EventSequencer.POSITIONS_CHANNEL);
                }
                // Anything that happened while not listening is picked up by this round.
                sequencer.wake();
                retryMillis = 500;
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        sequencer.wake();
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                if (isNotPostgres(e)) {
                    LOG.info("event notifications unavailable ({}); the sequencer polls", e.toString());
                    return;
                }
                LOG.warn("listening for event notifications failed (again in {} ms): {}", retryMillis, e.toString());
                sleep(retryMillis);
                retryMillis = Math.min(retryMillis * 2, 5000);
            }
        }
    }

    private static boolean isNotPostgres(SQLException e) {
        return e instanceof java.sql.SQLFeatureNotSupportedException
                || (e.getMessage() != null && e.getMessage().contains("wrap"));
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
