package org.callbackgateway.callbacks.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.callbackgateway.config.RetentionConfig;
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
    private final int intervalMinutes;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "delivery-retention");
        thread.setDaemon(true);
        return thread;
    });

    public RetentionModule(Foundation foundation, MeterRegistry metrics) {
        RetentionConfig config = foundation.config().retention();
        this.round = new RetentionRound(foundation.jdbi(), config, foundation.clock());
        this.statistics = new DeliveryStatistics(foundation.jdbi(), metrics);
        this.intervalMinutes = config.intervalMinutes();
    }

    @Override
    public void start() {
        try {
            round.run();
        } catch (RuntimeException e) {
            // The migration and earlier rounds created partitions days ahead; the scheduled rounds retry.
            LOG.warn("delivery retention round at start failed: {}", e.toString());
        }
        executor.execute(this::refreshSafely);
        executor.scheduleWithFixedDelay(this::runSafely, intervalMinutes, intervalMinutes, TimeUnit.MINUTES);
    }

    /** Runs a round now (partitions, expiry, statistics) and says what it did; for operators' tools and tests. */
    public String runNow() {
        RetentionRound.Result result = round.run();
        DeliveryStatistics.Snapshot snapshot = statistics.refresh();
        return result + " " + snapshot;
    }

    private void runSafely() {
        try {
            round.run();
        } catch (RuntimeException e) {
            LOG.warn("delivery retention round failed, the next one tries again: {}", e.toString());
        }
        refreshSafely();
    }

    private void refreshSafely() {
        try {
            statistics.refresh();
        } catch (RuntimeException e) {
            LOG.warn("counting stored deliveries failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
