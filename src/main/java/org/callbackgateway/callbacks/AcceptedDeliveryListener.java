package org.callbackgateway.callbacks;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Told of every accepted delivery (answered 2xx, not a repeat) inside the transaction that stored it, so that what
 * it writes (the event log's {@code delivery.received}) commits together with the delivery.
 *
 * <p>Each delivery comes with the values it is stored with: the listener need not read the row (a read by id
 * would have to name the received time too, {@code deliveries} being partitioned by it).
 */
@FunctionalInterface
public interface AcceptedDeliveryListener {
    AcceptedDeliveryListener NONE = (handle, deliveries) -> { };

    /** Called with the accepted deliveries that one piece of work (a batch, or a single delivery) stored. */
    void accepted(Handle handle, List<AcceptedDelivery> deliveries);
}
