package org.callbackgateway.forwarding;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One event queued for one subscription: {@code pending} (due at {@code next_attempt_at}), {@code delivered}, or
 * {@code failed} (given up after the retry horizon: a dead letter, sent again only by a redelivery).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageView(long id, String eventId, String state, int attempts, Instant createdAt,
                          Instant nextAttemptAt, Instant finishedAt, String lastError) {
}
