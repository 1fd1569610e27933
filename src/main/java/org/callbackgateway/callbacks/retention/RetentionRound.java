package org.callbackgateway.callbacks.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.callbackgateway.config.RetentionConfig;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retention round, run by one instance at a time (a session advisory lock; an instance that does not get
 * it skips the round, the holder does the work): daily partitions created {@value #DAYS_AHEAD} days ahead,
 * partitions wholly older than the longest retention detached and dropped, the rows of sources kept for less
 * deleted in small batches, and de-duplication keys expired with the deliveries that held them.
 */
final class RetentionRound {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionRound.class);
    static final int DAYS_AHEAD = 7;
    /** pg_try_advisory_lock key of the round; any constant no other feature uses. */
    private static final long LOCK = 0x6761_7465_7265_7401L;
    private static final int BATCH = 5_000;
    private static final String DELETE_ROWS = "DELETE FROM deliveries WHERE (id, received_at) IN "
            + "(SELECT id, received_at FROM deliveries WHERE ";
    private static final String DELETE_KEYS = "DELETE FROM delivery_keys WHERE (source, delivery_key) IN "
            + "(SELECT source, delivery_key FROM delivery_keys WHERE ";

    private final Jdbi jdbi;
    private final RetentionConfig config;
    private final Clock clock;

    RetentionRound(Jdbi jdbi, RetentionConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.config = config;
        this.clock = clock;
    }

    /** What a round did; {@code ran} is false when another instance held the lock. */
    record Result(boolean ran, int created, List<String> dropped, long rowsDeleted, long keysExpired) {
    }

    Result run() {
        try (Handle handle = jdbi.open()) {
            if (!handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", LOCK).mapTo(Boolean.class).one()) {
                return new Result(false, 0, List.of(), 0, 0);
            }
            try {
                return runLocked(handle, clock.instant());
            } finally {
                handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", LOCK).mapTo(Boolean.class).one();
            }
        }
    }

    private Result runLocked(Handle handle, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int created = DeliveryPartitions.ensure(handle, today.minusDays(1), today.plusDays(DAYS_AHEAD));
        Instant horizon = now.minus(Duration.ofDays(config.longestDays()));
        List<String> dropped = new ArrayList<>();
        for (DeliveryPartitions.Partition partition : DeliveryPartitions.list(handle)) {
            if (partition.upperBound() != null && !partition.upperBound().isAfter(horizon)) {
                DeliveryPartitions.drop(handle, partition);
                dropped.add(partition.name());
            }
        }
        long rows = 0;
        long keys = 0;
        List<String> overridden = List.copyOf(config.sourceDays().keySet());
        for (Map.Entry<String, Integer> source : config.sourceDays().entrySet()) {
            Instant cutoff = now.minus(Duration.ofDays(source.getValue()));
            Consumer<Update> bySource = update -> update.bind("source", source.getKey()).bind("cutoff", cutoff);
            if (source.getValue() < config.longestDays()) {
                rows += batches(handle, DELETE_ROWS + "source = :source AND received_at < :cutoff LIMIT :batch)",
                        bySource);
            }
            keys += batches(handle, DELETE_KEYS + "source = :source AND received_at < :cutoff LIMIT :batch)",
                    bySource);
        }
        Instant cutoff = now.minus(Duration.ofDays(config.days()));
        Consumer<Update> byDefault = update -> update.bind("cutoff", cutoff)
                .bindArray("overridden", String.class, overridden);
        String others = "received_at < :cutoff AND source <> ALL(:overridden) LIMIT :batch)";
        if (config.days() < config.longestDays()) {
            rows += batches(handle, DELETE_ROWS + others, byDefault);
        }
        keys += batches(handle, DELETE_KEYS + others, byDefault);
        if (created > 0 || !dropped.isEmpty() || rows > 0 || keys > 0) {
            LOG.info("delivery retention: {} partition(s) created, dropped {}, {} row(s) and {} key(s) expired",
                    created, dropped, rows, keys);
        }
        return new Result(true, created, dropped, rows, keys);
    }

    /** Runs a batched DELETE until it deletes fewer than a batch; each batch commits on its own. */
    private static long batches(Handle handle, String sql, Consumer<Update> binding) {
        long total = 0;
        int deleted;
        do {
            Update update = handle.createUpdate(sql).bind("batch", BATCH);
            binding.accept(update);
            deleted = update.execute();
            total += deleted;
        } while (deleted >= BATCH);
        return total;
    }
}
