package org.callbackgateway.forwarding;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed message is tried again: the initial delay doubled per failure, capped, with jitter (a random
 * half of each delay) so that the retries of many messages to one recovering subscriber spread out; none after
 * the horizon, counted from when the message was queued.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Duration horizon;

    Backoff(Duration initial, Duration max, Duration horizon) {
        this.initial = initial;
        this.max = max;
        this.horizon = horizon;
    }

    /** The next attempt after the {@code failures}-th failure, or null when the message is to be given up. */
    Instant next(Instant now, Instant queuedAt, int failures) {
        long cap = max.toMillis();
        long delay = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 30);
        delay = delay <= 0 || delay > cap ? cap : delay;
        long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        Instant next = now.plusMillis(jittered);
        return next.isAfter(queuedAt.plus(horizon)) ? null : next;
    }
}
