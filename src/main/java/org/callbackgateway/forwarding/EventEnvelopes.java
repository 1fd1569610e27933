package org.callbackgateway.forwarding;

import org.callbackgateway.events.Event;

/**
 * The body a webhook subscription receives for an event ({@code {"type","timestamp","data"}}), for other
 * features that show events the way they are forwarded (the live stream).
 */
public final class EventEnvelopes {
    private final Envelopes envelopes;
    private final DeliveryContents deliveries;

    EventEnvelopes(Envelopes envelopes, DeliveryContents deliveries) {
        this.envelopes = envelopes;
        this.deliveries = deliveries;
    }

    /** The envelope of {@code event}, with the original payload for {@code delivery.received}. */
    public String of(Event event) {
        return envelopes.body(event, event.deliveryId() == null ? java.util.Optional.empty()
                : deliveries.content(event.deliveryId()));
    }
}
