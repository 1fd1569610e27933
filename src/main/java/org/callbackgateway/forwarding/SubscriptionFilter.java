package org.callbackgateway.forwarding;

import java.util.Arrays;
import org.callbackgateway.events.Event;

/**
 * Whether an event is for a subscription: its filters, and only events that occurred since it was made (older
 * ones reach it only by a replay).
 */
final class SubscriptionFilter {
    private SubscriptionFilter() {
    }

    static boolean matches(SubscriptionRow subscription, Event event) {
        return !event.occurredAt().isBefore(subscription.createdAt()) && matchesFilters(subscription, event);
    }

    static boolean matchesFilters(SubscriptionRow subscription, Event event) {
        return (subscription.sources().length == 0 || Arrays.asList(subscription.sources()).contains(event.source()))
                && (subscription.eventTypes().length == 0
                        || Arrays.asList(subscription.eventTypes()).contains(event.type()))
                && (subscription.jobOwner() == null || subscription.jobOwner().equals(event.jobOwner()))
                && (subscription.jobId() == null || subscription.jobId().equals(event.jobId()));
    }
}
