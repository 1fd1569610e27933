package org.callbackgateway.callbacks;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;

/**
 * A search with a payload condition, asked of one day (one partition of {@code deliveries}) after the other,
 * newest first (or oldest first), until the page is full.
 *
 * <p>PostgreSQL cannot plan this itself: it has no statistics for jsonb containment, guesses that 1% of rows
 * match, and for an ordered page walks the received-time index testing every row (a second on two million rows
 * for a repository one row in a thousand holds, and every row of every partition for a value nothing holds), or,
 * told to use the GIN index, reads and sorts the matches of every partition. Within one day, fenced off from the
 * order and limit ({@code OFFSET 0}), it takes the day's matches from the partition's GIN {@code jsonb_path_ops}
 * index and sorts only those; a day is asked only when the newer ones did not fill the page. The cost is that of
 * the matches in the days read (plus a cheap statement per day without any), not that of the table.
 */
final class DayByDaySearch {
    private static final Duration DAY = Duration.ofDays(1);

    private final DeliverySearchSql sql;
    private final String columns;
    private final boolean newestFirst;
    private final Map<String, Object> extraBindings;

    /**
     * @param sql the filter's conditions (with the cursor's, if any)
     * @param columns the select list
     * @param newestFirst received time descending (a page) or ascending (the ids of a bulk replay)
     * @param extraBindings bindings the select list needs
     */
    DayByDaySearch(DeliverySearchSql sql, String columns, boolean newestFirst, Map<String, Object> extraBindings) {
        this.sql = sql;
        this.columns = columns;
        this.newestFirst = newestFirst;
        this.extraBindings = extraBindings;
    }

    /**
     * Up to {@code limit} rows in order, running each day's statement with {@code run} (statement, how many rows
     * are still wanted) on {@code handle}.
     */
    <T> List<T> run(Handle handle, int limit, BiFunction<DeliverySearchStatement, Integer, List<T>> run) {
        List<T> rows = new ArrayList<>();
        // The received times present (the ends of each partition's received-time index), within the filter's.
        Instant[] range = handle.createQuery("SELECT min(received_at), max(received_at) FROM deliveries")
                .map((rs, ctx) -> rs.getTimestamp(2) == null ? null
                        : new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()})
                .one();
        if (range == null) {
            return rows;
        }
        Instant oldest = sql.earliest().filter(since -> since.isAfter(range[0])).orElse(range[0]);
        Instant newest = sql.latest().filter(until -> until.isBefore(range[1])).orElse(range[1]);
        Instant oldestDay = oldest.truncatedTo(ChronoUnit.DAYS);
        Instant newestDay = newest.truncatedTo(ChronoUnit.DAYS);
        String order = newestFirst ? " ORDER BY received_at DESC, id DESC" : " ORDER BY received_at, id";
        String where = sql.where().isEmpty() ? " WHERE " : sql.where() + " AND ";
        String statement = "SELECT " + columns + " FROM (SELECT * FROM deliveries" + where
                + "received_at >= :dayStart AND received_at < :dayEnd OFFSET 0) AS matched" + order + " LIMIT :limit";
        for (Instant day = newestFirst ? newestDay : oldestDay;
             !day.isBefore(oldestDay) && !day.isAfter(newestDay) && rows.size() < limit;
             day = newestFirst ? day.minus(DAY) : day.plus(DAY)) {
            Map<String, Object> bindings = new LinkedHashMap<>(sql.bindings());
            bindings.putAll(extraBindings);
            bindings.put("dayStart", day);
            bindings.put("dayEnd", day.plus(DAY));
            bindings.put("limit", limit - rows.size());
            rows.addAll(run.apply(new DeliverySearchStatement(statement, bindings), limit - rows.size()));
        }
        return rows;
    }
}
