package org.callbackgateway.events;

import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The event log feature, wired: the log other features append to and read from, and this instance's sequencer
 * with its notification listener.
 */
public final class EventsModule implements AutoCloseable {
    private final EventLog log;
    private final EventSequencer sequencer;
    private final EventWakeups wakeups;

    /**
     * @param poll how often the sequencer looks for unpositioned events without being notified: the bound on how
     *             late an event becomes readable when notifications are lost
     */
    public EventsModule(Jdbi jdbi, DataSource dataSource, Duration poll) {
        this.log = new EventLog(jdbi);
        this.sequencer = new EventSequencer(jdbi, log, poll);
        this.wakeups = new EventWakeups(dataSource, sequencer);
    }

    /** Starts positioning events and listening for appends. */
    public void start() {
        sequencer.start();
        wakeups.start();
    }

    public EventLog log() {
        return log;
    }

    @Override
    public void close() {
        wakeups.close();
        sequencer.close();
    }
}
