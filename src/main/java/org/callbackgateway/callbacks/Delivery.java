package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored delivery, without its body.
 */
public record Delivery(
        long id,
        String source,
        String deliveryKey,
        String eventType,
        String contentType,
        int bodySize,
        String verification,
        String verificationDetail,
        String processing,
        String processingDetail,
        UUID jobId,
        Instant receivedAt) {
}
