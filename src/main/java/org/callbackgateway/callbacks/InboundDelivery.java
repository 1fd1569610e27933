package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.Optional;

/**
 * A callback as it arrived, before anything is decided about it.
 *
 * @param source the sending system ({@code notification}, {@code github}, ...)
 * @param deliveryKey the sender's delivery id, used for de-duplication
 * @param eventType the sender's event name, if it sends one
 * @param contentType the request's Content-Type header
 * @param body the raw bytes exactly as received; empty when the body was refused unread
 * @param bodySize the size of the body, or of its declared length when refused unread
 * @param receivedAt when it arrived
 * @param replay set when this is the replay of a stored delivery
 */
public record InboundDelivery(
        String source,
        Optional<String> deliveryKey,
        Optional<String> eventType,
        Optional<String> contentType,
        Optional<byte[]> body,
        int bodySize,
        Instant receivedAt,
        Optional<ReplayMark> replay) {

    public InboundDelivery(String source, Optional<String> deliveryKey, Optional<String> eventType,
                           Optional<String> contentType, Optional<byte[]> body, int bodySize, Instant receivedAt) {
        this(source, deliveryKey, eventType, contentType, body, bodySize, receivedAt, Optional.empty());
    }
}
