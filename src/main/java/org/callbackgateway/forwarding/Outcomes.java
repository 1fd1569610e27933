package org.callbackgateway.forwarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an attempt and what follows from it, in one transaction: delivered; retried later or given up (dead
 * letter); the subscription switched off (410) or paused (its failures in a row reached the threshold: the
 * circuit opens, and one probe is sent per probe interval until one succeeds).
 */
final class Outcomes {
    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);

    private final Jdbi jdbi;
    private final Backoff backoff;
    private final int circuitFailures;
    private final Duration circuitProbe;
    private final Clock clock;
    private final ForwardingMetrics metrics;

    Outcomes(Jdbi jdbi, Backoff backoff, int circuitFailures, Duration circuitProbe, Clock clock,
             ForwardingMetrics metrics) {
        this.jdbi = jdbi;
        this.backoff = backoff;
        this.circuitFailures = circuitFailures;
        this.circuitProbe = circuitProbe;
        this.clock = clock;
        this.metrics = metrics;
    }

    void record(OutboundDao.Claimed message, Instant attemptedAt, AttemptResult result) {
        Instant now = clock.instant();
        metrics.attempted(result.outcome());
        jdbi.useTransaction(handle -> {
            OutboundDao dao = handle.attach(OutboundDao.class);
            dao.recordAttempt(new OutboundDao.Attempt(message.id(), message.subscriptionId(), attemptedAt,
                    result.outcome(), result.statusCode(), result.latencyMs(), truncate(result.responseHead())));
            if (result.delivered()) {
                dao.delivered(message.id(), now);
                dao.succeeded(message.subscriptionId());
                return;
            }
            if (AttemptResult.GONE.equals(result.outcome())) {
                // Kept pending: switched on again, the subscription gets it.
                dao.retryAt(message.id(), now, result.describe());
                dao.disable(message.subscriptionId(), "the target answered 410 Gone at " + now, now);
                LOG.info("subscription {} switched off: its target answered 410 Gone", message.subscriptionId());
                return;
            }
            Instant next = backoff.next(now, message.createdAt(), message.attempts() + 1);
            if (next == null) {
                dao.deadLetter(message.id(), now, result.describe());
                metrics.deadLettered();
            } else {
                dao.retryAt(message.id(), next, result.describe());
            }
            dao.failed(message.subscriptionId(), circuitFailures, now.plus(circuitProbe));
        });
    }

    /** A message that cannot be composed (its event is gone): given up at once, with why. */
    void unsendable(OutboundDao.Claimed message, String why) {
        jdbi.useExtension(OutboundDao.class, dao -> dao.deadLetter(message.id(), clock.instant(), why));
        metrics.deadLettered();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1024 ? text : text.substring(0, 1024);
    }
}
