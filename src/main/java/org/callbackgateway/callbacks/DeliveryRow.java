package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored delivery as the inspection API reads it; {@code body} is null unless asked for.
 */
public record DeliveryRow(
        long id,
        String source,
        String deliveryKey,
        String eventType,
        String contentType,
        int bodySize,
        String headers,
        String verification,
        String verificationDetail,
        String processing,
        String processingDetail,
        UUID jobId,
        Long duplicateOf,
        Long replayOf,
        String replayMode,
        Instant receivedAt,
        byte[] body) {
}
