package org.callbackgateway.forwarding;

import java.time.Instant;
import java.util.Optional;
import org.callbackgateway.callbacks.DeliveryContent;

/**
 * Where forwarding reads the original of a {@code delivery.received} event (the callbacks feature's inbox): by the
 * delivery's id and received time, which together name one row in one daily partition.
 */
@FunctionalInterface
public interface DeliveryContents {
    Optional<DeliveryContent> content(long deliveryId, Instant receivedAt);
}
