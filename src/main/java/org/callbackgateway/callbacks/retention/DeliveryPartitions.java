package org.callbackgateway.callbacks.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The daily partitions of {@code deliveries} (V9): created ahead, detached and dropped when their whole day is
 * past the retention window. Callers hold the retention lock, so only one instance changes partitions at once.
 */
final class DeliveryPartitions {
    /** Names this class made (or V9 did); anything else is never touched. */
    private static final Pattern OURS = Pattern.compile("deliveries_(\\d{8}|legacy)");

    private DeliveryPartitions() {
    }

    /** A partition and its bounds; {@code lowerBound} is null for the first partition (from MINVALUE). */
    record Partition(String name, Instant lowerBound, Instant upperBound, boolean detachPending) {
    }

    /** Creates the missing daily partitions from {@code first} to {@code last}; returns how many it created. */
    static int ensure(Handle handle, LocalDate first, LocalDate last) {
        return handle.createQuery("SELECT delivery_partitions_ensure(:first, :last)")
                .bind("first", first).bind("last", last).mapTo(Integer.class).one();
    }

    static List<Partition> list(Handle handle) {
        return handle.createQuery("""
                        SELECT name, lower_bound, upper_bound, detach_pending FROM delivery_partitions
                         ORDER BY upper_bound
                        """)
                .map((rs, ctx) -> new Partition(rs.getString(1), instant(rs.getTimestamp(2)),
                        instant(rs.getTimestamp(3)), rs.getBoolean(4)))
                .list();
    }

    /**
     * Detaches the partition without blocking inserts into the others ({@code CONCURRENTLY}, which must run
     * outside a transaction: the handle is in auto-commit), then drops it. A detach interrupted earlier is
     * finished first.
     */
    static void drop(Handle handle, Partition partition) {
        if (!OURS.matcher(partition.name()).matches()) {
            throw new IllegalArgumentException("not a delivery partition: " + partition.name());
        }
        String detach = partition.detachPending() ? " FINALIZE" : " CONCURRENTLY";
        handle.execute("ALTER TABLE deliveries DETACH PARTITION " + partition.name() + detach);
        handle.execute("DROP TABLE " + partition.name());
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
