package org.callbackgateway.callbacks.retention;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * Stored deliveries as metrics: rows and body bytes per source, the partitions and the start of the oldest.
 * Counted by each retention round, so the figures are as old as the last round at most
 * ({@code GATEWAY_RETENTION_INTERVAL_MINUTES}).
 */
final class DeliveryStatistics {
    private final Jdbi jdbi;
    private final MultiGauge rows;
    private final MultiGauge bytes;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>(new Snapshot(List.of(), 0, null));

    /** The counts of one source. */
    record SourceCount(String source, long rows, long bytes) {
    }

    /** One count of everything. */
    record Snapshot(List<SourceCount> sources, int partitions, Instant oldestPartitionStart) {
    }

    DeliveryStatistics(Jdbi jdbi, MeterRegistry registry) {
        this.jdbi = jdbi;
        this.rows = MultiGauge.builder("gateway.deliveries.rows")
                .description("stored deliveries by source, as of the last retention round").register(registry);
        this.bytes = MultiGauge.builder("gateway.deliveries.bytes").baseUnit("bytes")
                .description("body bytes of stored deliveries by source, as of the last retention round")
                .register(registry);
        Gauge.builder("gateway.deliveries.partitions", latest, state -> state.get().partitions())
                .description("partitions of the deliveries table").register(registry);
        Gauge.builder("gateway.deliveries.oldest.partition.start", latest, state -> {
                    Instant oldest = state.get().oldestPartitionStart();
                    return oldest == null ? Double.NaN : oldest.getEpochSecond();
                })
                .description("start of the oldest partition's range (its oldest delivery for the first partition), "
                        + "epoch seconds").baseUnit("seconds").register(registry);
    }

    Snapshot refresh() {
        Snapshot snapshot = jdbi.withHandle(handle -> {
            List<SourceCount> counts = handle.createQuery("""
                            SELECT source, count(*) AS rows, COALESCE(sum(body_size), 0) AS bytes
                              FROM deliveries GROUP BY source ORDER BY source
                            """)
                    .map((rs, ctx) -> new SourceCount(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
            int partitions = handle.createQuery("SELECT count(*) FROM delivery_partitions").mapTo(Integer.class).one();
            // The first partition starts at MINVALUE: its oldest delivery stands for its start.
            Instant oldest = handle.createQuery("""
                            SELECT COALESCE((SELECT min(lower_bound) FROM delivery_partitions
                                              WHERE NOT EXISTS (SELECT 1 FROM delivery_partitions WHERE lower_bound IS NULL)),
                                            (SELECT min(received_at) FROM deliveries))
                            """)
                    .mapTo(Instant.class).findOne().orElse(null);
            return new Snapshot(counts, partitions, oldest);
        });
        rows.register(snapshot.sources().stream().map(count -> MultiGauge.Row.of(Tags.of("source", count.source()),
                count.rows())).toList(), true);
        bytes.register(snapshot.sources().stream().map(count -> MultiGauge.Row.of(Tags.of("source", count.source()),
                count.bytes())).toList(), true);
        latest.set(snapshot);
        return snapshot;
    }
}
