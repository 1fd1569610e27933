package org.callbackgateway.web;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * What a {@link BackgroundLoop} logs about its failures: one warning when it starts failing and one line when it
 * works again, with the count in between; each single failure only at debug. A database that is away for an
 * hour therefore gives two lines, not thousands. Failures are described by {@link FailureSummary}, never by
 * their raw messages (which may carry a statement's bound values or a URL's credentials).
 */
final class LoopHealth {
    private final String name;
    private final Logger log;
    private int failures;
    private long failingSinceNanos;

    LoopHealth(String name, Logger log) {
        this.name = name;
        this.log = log;
    }

    void failed(Throwable failure, Duration nextTry) {
        String summary = FailureSummary.of(failure);
        if (failures++ == 0) {
            failingSinceNanos = System.nanoTime();
            log.warn("{} is failing: {}; it retries with a growing backoff and logs again once it works",
                    name, summary);
        } else {
            log.debug("{} failed again ({} in a row, next try in {} ms): {}", name, failures, nextTry.toMillis(),
                    summary);
        }
    }

    void succeeded() {
        if (failures > 0) {
            long seconds = Duration.ofNanos(System.nanoTime() - failingSinceNanos).toSeconds();
            log.info("{} works again after {} failed attempts over {} s", name, failures, seconds);
            failures = 0;
        }
    }
}
