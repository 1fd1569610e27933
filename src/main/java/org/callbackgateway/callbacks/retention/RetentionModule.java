package org.callbackgateway.callbacks.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.callbackgateway.config.RetentionConfig;
import org.callbackgateway.web.BackgroundLoop;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of stored deliveries ({@code GATEWAY_RETENTION_DAYS}, per source
 * {@code GATEWAY_RETENTION_SOURCE_DAYS}): every instance runs a round at start (so that today's partition
 * exists before a callback is taken) and then every {@code GATEWAY_RETENTION_INTERVAL_MINUTES}; one instance at
 * a time does the work. Each round also counts the stored deliveries for the metrics.
 */
public final class RetentionModule implements FeatureModule {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionModule.class);

    private final RetentionRound round;
    private final DeliveryStatistics statistics;
    private final BackgroundLoop loop;
    /** False until the loop's first step, which only counts: start() ran that round itself. */
    private boolean startRoundDone;

    public RetentionModule(Foundation foundation, MeterRegistry metrics) {
        RetentionConfig config = foundation.config().retention();
        this.round = new RetentionRound(foundation.jdbi(), config, foundation.clock());
        this.statistics = new DeliveryStatistics(foundation.jdbi(), metrics);
        this.loop = new BackgroundLoop("delivery-retention", Duration.ofMinutes(config.intervalMinutes()),
                this::scheduledRound);
    }

    @Override
    public void start() {
        try {
            round.run();
        } catch (RuntimeException e) {
            // The migration and earlier rounds created partitions days ahead; the scheduled rounds retry.
            LOG.warn("delivery retention round at start failed: {}", e.toString());
        }
        loop.start();
        loop.wake();
    }

    /** Runs a round now (partitions, expiry, statistics) and says what it did; for operators' tools and tests. */
    public String runNow() {
        RetentionRound.Result result = round.run();
        DeliveryStatistics.Snapshot snapshot = statistics.refresh();
        return result + " " + snapshot;
    }

    /** A failed round leaves the counting to be done all the same, then fails the step (logged and retried). */
    private boolean scheduledRound() {
        boolean roundDue = startRoundDone;
        startRoundDone = true;
        try {
            if (roundDue) {
                round.run();
            }
        } finally {
            statistics.refresh();
        }
        return false;
    }

    @Override
    public void close() {
        loop.close();
    }
}
