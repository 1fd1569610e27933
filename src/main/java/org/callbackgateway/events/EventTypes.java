package org.callbackgateway.events;

import java.util.Set;

/**
 * The types of event the gateway appends.
 */
public final class EventTypes {
    /** A callback was verified (or is unsigned by design) and stored; see {@code DeliveryEvents}. */
    public static final String DELIVERY_RECEIVED = "delivery.received";
    /** A job's status moved; see {@code JobStatusEvents}. */
    public static final String JOB_STATUS_CHANGED = "job.status_changed";

    public static final Set<String> ALL = Set.of(DELIVERY_RECEIVED, JOB_STATUS_CHANGED);

    private EventTypes() {
    }
}
