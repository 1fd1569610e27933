package org.callbackgateway.callbacks;

import org.jdbi.v3.core.Handle;

/**
 * Told of every accepted delivery (answered 2xx, not a repeat) inside the transaction that stored and settled it,
 * so that what it writes (the event log's {@code delivery.received}) commits together with the delivery.
 */
@FunctionalInterface
public interface AcceptedDeliveryListener {
    AcceptedDeliveryListener NONE = (handle, deliveryIds) -> { };

    void accepted(Handle handle, long... deliveryIds);
}
