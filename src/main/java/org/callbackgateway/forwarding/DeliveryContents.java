package org.callbackgateway.forwarding;

import java.util.Optional;
import org.callbackgateway.callbacks.DeliveryContent;

/**
 * Where forwarding reads the original of a {@code delivery.received} event (the callbacks feature's inbox).
 */
@FunctionalInterface
public interface DeliveryContents {
    Optional<DeliveryContent> content(long deliveryId);
}
