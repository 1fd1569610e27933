package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;

/**
 * A search with a payload condition, asked of one day (one partition of {@code deliveries}, from the
 * {@code delivery_partitions} view) after the other, newest first (or oldest first), until the page is full.
 *
 * <p>PostgreSQL cannot plan this itself: it has no statistics for jsonb containment, guesses that 1% of rows
 * match, and for an ordered page walks the received-time index testing every row (a second on two million rows
 * for a repository one row in a thousand holds, and every row of every partition for a value nothing holds), or,
 * told to use the GIN index, reads and sorts the matches of every partition. Within one day, fenced off from the
 * order and limit ({@code OFFSET 0}), it takes the day's matches from the partition's GIN {@code jsonb_path_ops}
 * index and sorts only those; older days are asked only when the newer ones did not fill the page, one day, then
 * two, four, ... at a time. The cost is that of the matches in the days read (at most about twice those the page
 * needed), not that of the table.
 */
final class DayByDaySearch {
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
        String order = newestFirst ? " ORDER BY received_at DESC, id DESC" : " ORDER BY received_at, id";
        String where = sql.where().isEmpty() ? " WHERE " : sql.where() + " AND ";
        String statement = "SELECT " + columns + " FROM (SELECT * FROM deliveries" + where
                + "received_at >= :dayStart AND received_at < :dayEnd OFFSET 0) AS matched" + order + " LIMIT :limit";
        List<Day> days = days(handle);
        // One day first, then twice as many days as the last time while the page is not full: a common value is
        // read from the newest day or two, one that nothing holds costs a handful of statements, not one a day.
        for (int first = 0, span = 1; first < days.size() && rows.size() < limit; first += span, span *= 2) {
            List<Day> window = days.subList(first, Math.min(days.size(), first + span));
            Map<String, Object> bindings = new LinkedHashMap<>(sql.bindings());
            bindings.putAll(extraBindings);
            bindings.put("dayStart", newestFirst ? window.get(window.size() - 1).start() : window.get(0).start());
            bindings.put("dayEnd", newestFirst ? window.get(0).end() : window.get(window.size() - 1).end());
            bindings.put("limit", limit - rows.size());
            rows.addAll(run.apply(new DeliverySearchStatement(statement, bindings), limit - rows.size()));
        }
        return rows;
    }

    /** A partition's range of received times, [start, end). */
    private record Day(Instant start, Instant end) {
    }

    /**
     * The partitions' ranges in the order asked, cut to the received times stored (so that the empty days ahead
     * and the first partition's open start cost nothing) and to the filter's range.
     */
    private List<Day> days(Handle handle) {
        Instant[] stored = handle.createQuery("SELECT min(received_at), max(received_at) FROM deliveries")
                .map((rs, ctx) -> rs.getTimestamp(2) == null ? null
                        : new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()})
                .one();
        if (stored == null) {
            return List.of();
        }
        Instant from = sql.earliest().filter(since -> since.isAfter(stored[0])).orElse(stored[0]);
        Instant newest = stored[1].plusNanos(1_000);
        Instant to = sql.latest().map(until -> until.plusNanos(1_000)).filter(until -> until.isBefore(newest))
                .orElse(newest);
        List<Day> days = new ArrayList<>();
        handle.createQuery("SELECT lower_bound, upper_bound FROM delivery_partitions ORDER BY upper_bound")
                .map((rs, ctx) -> new Day(instant(rs.getTimestamp(1), from), instant(rs.getTimestamp(2), to)))
                .forEach(day -> {
                    Instant start = day.start().isAfter(from) ? day.start() : from;
                    Instant end = day.end().isBefore(to) ? day.end() : to;
                    if (start.isBefore(end)) {
                        days.add(new Day(start, end));
                    }
                });
        if (newestFirst) {
            java.util.Collections.reverse(days);
        }
        return days;
    }

    private static Instant instant(java.sql.Timestamp bound, Instant open) {
        return bound == null ? open : bound.toInstant();
    }
}
