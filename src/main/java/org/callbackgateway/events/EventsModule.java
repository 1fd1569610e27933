package org.callbackgateway.events;

import java.util.List;
import org.callbackgateway.callbacks.AcceptedDeliveryListener;
import org.callbackgateway.db.DatabaseModule;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.jobs.StatusChangeListener;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * The event log feature, wired: the log other features append to and read from, and this instance's sequencer
 * with its notification listener.
 */
public final class EventsModule implements FeatureModule {
    private final Foundation foundation;
    private final EventLog log;
    private final EventSequencer sequencer;
    private final EventWakeups wakeups;

    /** The sequencer polls every {@code GATEWAY_EVENTS_POLL_MS}: how late an event may be readable without notifications. */
    public EventsModule(Foundation foundation, DatabaseModule database) {
        this.foundation = foundation;
        JdbiFactory.precomputeSqlObjects(foundation.jdbi(), List.of(EventDao.class));
        this.log = new EventLog(foundation.jdbi());
        this.sequencer = new EventSequencer(foundation.jdbi(), log, foundation.config().forwarding().eventsPoll());
        log.onAppended(sequencer::wake);
        this.wakeups = new EventWakeups(database.listenConnections(), foundation.jdbi(), sequencer);
    }

    /** Starts positioning events and listening for appends. */
    @Override
    public void start() {
        sequencer.start();
        wakeups.start();
    }

    public EventLog log() {
        return log;
    }

    /** What the jobs feature calls on every applied status change: the {@code job.status_changed} append. */
    public StatusChangeListener statusChanges() {
        return new JobStatusEvents(log, foundation.mapper(), foundation.clock());
    }

    /** What the callbacks feature calls on every accepted delivery: the {@code delivery.received} append. */
    public AcceptedDeliveryListener acceptedDeliveries() {
        return log::appendDeliveriesReceived;
    }

    @Override
    public void close() {
        wakeups.close();
        sequencer.close();
    }
}
