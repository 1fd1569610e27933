package org.callbackgateway.callbacks;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Told of every accepted delivery (answered 2xx, not a repeat) inside the transaction that stored and settled it,
 * so that what it writes (the event log's {@code delivery.received}) commits together with the delivery.
 *
 * <p>Each delivery comes with its received time: {@code deliveries} is partitioned by it, and a statement that
 * names it reads one partition instead of all of them.
 */
@FunctionalInterface
public interface AcceptedDeliveryListener {
    AcceptedDeliveryListener NONE = (handle, deliveryIds, receivedAt) -> { };

    /** {@code receivedAt[i]} is the received time of delivery {@code deliveryIds[i]}. */
    void accepted(Handle handle, long[] deliveryIds, Instant[] receivedAt);

    default void accepted(Handle handle, long deliveryId, Instant receivedAt) {
        accepted(handle, new long[] {deliveryId}, new Instant[] {receivedAt});
    }
}
