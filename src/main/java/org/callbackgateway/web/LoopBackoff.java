package org.callbackgateway.web;

import java.time.Duration;

/**
 * The waits of a {@link BackgroundLoop} after failures in a row: double the previous wait (the first doubles the
 * interval), at least the floor, at most the cap; a loop whose interval is longer than the cap keeps its interval,
 * so that failing never makes it try more often than when it works.
 */
final class LoopBackoff {
    private final Duration interval;
    private final Duration floor;
    private final Duration cap;
    private Duration previous;

    LoopBackoff(Duration interval, Duration floor, Duration cap) {
        this.interval = interval;
        this.floor = floor;
        this.cap = cap.compareTo(interval) < 0 ? interval : cap;
        this.previous = interval;
    }

    /** The wait after one more failure. */
    Duration next() {
        Duration doubled = previous.compareTo(cap) >= 0 ? cap : previous.multipliedBy(2);
        previous = min(max(doubled, floor), cap);
        return previous;
    }

    /** After a success the next failure starts again from the interval. */
    void reset() {
        previous = interval;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
