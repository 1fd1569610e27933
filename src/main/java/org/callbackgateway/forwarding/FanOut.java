package org.callbackgateway.forwarding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.events.Event;
import org.callbackgateway.events.EventLog;
import org.callbackgateway.events.EventQuery;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns events into messages, one per matching subscription. One instance at a time does it (the cursor row is
 * locked, others skip), reading the log in position order from the cursor, so every event is fanned out once.
 */
final class FanOut {
    private static final int PAGE = 500;
    private static final String INSERT = """
            INSERT INTO outbound_messages (subscription_id, event_id, state, created_at, next_attempt_at)
            SELECT subscription_id, event_id, 'pending', ?, ?
              FROM unnest(CAST(? AS uuid[]), CAST(? AS bigint[])) AS queued (subscription_id, event_id)
            """;

    private final Jdbi jdbi;
    private final EventLog log;
    private final Clock clock;

    FanOut(Jdbi jdbi, EventLog log, Clock clock) {
        this.jdbi = jdbi;
        this.log = log;
        this.clock = clock;
    }

    /** Fans out everything positioned so far; returns how many messages were queued (0 if another instance is at it). */
    int run() {
        int total = 0;
        while (true) {
            Page page = jdbi.inTransaction(this::page);
            total += page.queued();
            if (!page.full()) {
                return total;
            }
        }
    }

    private record Page(int queued, boolean full) {
    }

    private Page page(Handle handle) {
        OutboundDao outbound = handle.attach(OutboundDao.class);
        Optional<Long> cursor = outbound.lockCursor();
        if (cursor.isEmpty()) {
            return new Page(0, false);
        }
        List<Event> events = log.read(handle, EventQuery.after(cursor.get(), PAGE));
        if (events.isEmpty()) {
            return new Page(0, false);
        }
        List<SubscriptionRow> subscriptions = handle.attach(SubscriptionDao.class).forwarding();
        List<UUID> subscriptionIds = new ArrayList<>();
        List<Long> eventIds = new ArrayList<>();
        for (Event event : events) {
            for (SubscriptionRow subscription : subscriptions) {
                if (SubscriptionFilter.matches(subscription, event)) {
                    subscriptionIds.add(subscription.id());
                    eventIds.add(event.rowId());
                }
            }
        }
        insert(handle, subscriptionIds, eventIds, clock.instant());
        outbound.moveCursor(events.get(events.size() - 1).position());
        return new Page(subscriptionIds.size(), events.size() == PAGE);
    }

    private static void insert(Handle handle, List<UUID> subscriptions, List<Long> events, Instant now) {
        if (subscriptions.isEmpty()) {
            return;
        }
        Connection connection = handle.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setArray(3, connection.createArrayOf("uuid", subscriptions.toArray()));
            statement.setArray(4, connection.createArrayOf("int8", events.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("queueing messages failed", e);
        }
    }
}
