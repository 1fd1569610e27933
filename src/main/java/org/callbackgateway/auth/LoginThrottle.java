package org.callbackgateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down guessing: after a few failures for one client id, further attempts are refused for a time that
 * doubles with each failure, up to a bound. Keyed by the id as sent, whether or not such a client exists, and
 * bounded in memory (the least recently failed ids are forgotten first).
 */
public final class LoginThrottle {
    private static final int FREE_FAILURES = 5;
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofMinutes(5);
    private static final int MAX_TRACKED_IDS = 10_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_TRACKED_IDS;
        }
    };

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant blockedUntil) {
    }

    /** How long the caller must wait before trying this id again; empty when it may try now. */
    public synchronized Optional<Duration> waitFor(String clientId) {
        Failures current = failures.get(clientId);
        if (current == null) {
            return Optional.empty();
        }
        Duration remaining = Duration.between(clock.instant(), current.blockedUntil());
        return remaining.isNegative() || remaining.isZero() ? Optional.empty() : Optional.of(remaining);
    }

    public synchronized void failed(String clientId) {
        Failures previous = failures.get(clientId);
        int count = previous == null ? 1 : previous.count() + 1;
        Instant blockedUntil = clock.instant();
        // The fifth failure already blocks, so the sixth attempt in a row is the first refused.
        if (count >= FREE_FAILURES) {
            int doublings = Math.min(count - FREE_FAILURES, 20);
            Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
            blockedUntil = blockedUntil.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
        }
        failures.put(clientId, new Failures(count, blockedUntil));
    }

    public synchronized void succeeded(String clientId) {
        failures.remove(clientId);
    }
}
