package org.callbackgateway.forwarding;

import java.util.Optional;
import org.callbackgateway.callbacks.DeliveryContent;
import org.callbackgateway.events.Event;
import org.callbackgateway.events.EventTypes;

/**
 * The body a webhook subscription receives for an event ({@code {"type","timestamp","data"}}), for forwarding and
 * for other features that show events the way they are forwarded (the live stream).
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
        return envelopes.body(event, original(event));
    }

    /**
     * The stored delivery, read only for the one event type whose envelope carries it: other events name a
     * delivery too (a status change names the notification that made it), and reading it for each of them would
     * put a database round trip on every event forwarded or streamed. A {@code delivery.received} event occurred
     * at its delivery's received time, which finds the row in its own partition.
     */
    private Optional<DeliveryContent> original(Event event) {
        if (!EventTypes.DELIVERY_RECEIVED.equals(event.type()) || event.deliveryId() == null) {
            return Optional.empty();
        }
        return deliveries.content(event.deliveryId(), event.occurredAt());
    }
}
