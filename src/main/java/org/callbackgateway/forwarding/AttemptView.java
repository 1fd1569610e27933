package org.callbackgateway.forwarding;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One forwarding attempt as administrators see it.
 *
 * @param outcome {@code delivered}, {@code failed} (an answer other than 2xx and 410), {@code timeout},
 *                {@code unreachable} (no connection), {@code gone} (410: the subscription was switched off) or
 *                {@code refused_address} (the target resolved to an address forwarding may not connect to)
 * @param responseHead the first bytes of the answer's body
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AttemptView(long id, long messageId, String eventId, Instant attemptedAt, String outcome,
                          Integer statusCode, int latencyMs, String responseHead) {
}
