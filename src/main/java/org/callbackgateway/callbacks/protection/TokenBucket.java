package org.callbackgateway.callbacks.protection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A rate limit with a burst: {@code burst} tokens, refilled at {@code ratePerSecond}; each request takes one.
 */
final class TokenBucket {
    private final double ratePerSecond;
    private final double burst;
    private double tokens;
    private Instant updatedAt;

    TokenBucket(double ratePerSecond, int burst, Instant now) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /** Takes a token; when there is none, how long until there is one. */
    synchronized Optional<Duration> take(Instant now) {
        if (now.isAfter(updatedAt)) {
            double elapsed = Duration.between(updatedAt, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + elapsed * ratePerSecond);
            updatedAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / ratePerSecond * 1e9);
        return Optional.of(Duration.ofNanos(waitNanos));
    }
}
