package org.callbackgateway.forwarding;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.callbackgateway.events.Event;
import org.callbackgateway.events.EventLog;
import org.callbackgateway.web.ApiException;
import org.jdbi.v3.core.Jdbi;

/**
 * What administrators do with forwarding: read the attempts and messages of a subscription, send one event
 * again, replay a time range.
 */
public final class ForwardingService {
    public static final int MAX_LIMIT = 200;

    private final Jdbi jdbi;
    private final EventLog log;
    private final Clock clock;
    private final Runnable wake;

    ForwardingService(Jdbi jdbi, EventLog log, Clock clock, Runnable wake) {
        this.jdbi = jdbi;
        this.log = log;
        this.clock = clock;
        this.wake = wake;
    }

    public List<AttemptView> attempts(UUID subscriptionId, String eventId, long before, int limit) {
        subscription(subscriptionId);
        return jdbi.withExtension(OutboundDao.class, dao -> dao.attempts(subscriptionId, eventId, before, limit));
    }

    public List<MessageView> messages(UUID subscriptionId, String state, long before, int limit) {
        subscription(subscriptionId);
        return jdbi.withExtension(OutboundDao.class, dao -> dao.messages(subscriptionId, state, before, limit));
    }

    /** Queues the event for the subscription again, whatever became of it before (same {@code webhook-id}). */
    public void redeliver(UUID subscriptionId, String eventId) {
        subscription(subscriptionId);
        Event event = log.find(eventId).filter(found -> found.position() > 0)
                .orElseThrow(() -> ApiException.notFound("event " + eventId + " not found"));
        jdbi.useExtension(OutboundDao.class, dao -> dao.enqueue(subscriptionId, event.rowId(), clock.instant()));
        wake.run();
    }

    /** Queues every event of {@code [since, until)} that matches the subscription's filters; returns how many. */
    public int replay(UUID subscriptionId, Instant since, Instant until) {
        SubscriptionRow subscription = subscription(subscriptionId);
        if (!since.isBefore(until)) {
            throw ApiException.badRequest("since must be before until");
        }
        int queued = jdbi.withExtension(OutboundDao.class, dao -> dao.replay(subscriptionId, since, until,
                subscription.sources(), subscription.eventTypes(), subscription.jobOwner(), subscription.jobId(),
                clock.instant()));
        wake.run();
        return queued;
    }

    private SubscriptionRow subscription(UUID id) {
        return jdbi.withExtension(SubscriptionDao.class, dao -> dao.find(id))
                .orElseThrow(() -> ApiException.notFound("subscription " + id + " not found"));
    }
}
