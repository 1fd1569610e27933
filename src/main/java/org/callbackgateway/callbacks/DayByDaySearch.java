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
 * <p>PostgreSQL cannot plan this itself: it has no statistics for jsonb containment and guesses that 1% of rows
 * match. For an ordered page it then walks the received-time index testing every row (a second on two million rows
 * for a repository one row in a thousand holds, and every row of every partition for a value nothing holds), or,
 * told to use the GIN index, reads and sorts the matches of every partition. So each window of days is asked
 * twice at most:
 * <ol>
 * <li>its newest {@value #PROBE_ROWS} rows in order, tested one by one: a common value (a busy repository, one
 * push in twenty) fills the page from those, in a few milliseconds, where reading all its matches from the GIN
 * index would take a second; one that came close gets a longer probe (see {@link #window});
 * <li>when that did not fill the page, the window's matches from each partition's GIN {@code jsonb_path_ops} index
 * (fenced off from the order and limit by {@code OFFSET 0}), sorted: a rare value has few.
 * </ol>
 * Older days are asked only when the newer ones did not fill the page, one day, then two, four, ... at a time. The
 * cost is that of the matches in the days read (at most about twice those the page needed) and of a bounded probe
 * per window, not that of the table.
 */
final class DayByDaySearch {
    /** Rows a window's first ask reads in order: about twenty times a page of 50, a few milliseconds. */
    static final int PROBE_ROWS = 2000;
    /** The most rows a second, longer probe reads (some 100 ms). */
    static final int LONG_PROBE_ROWS = 20_000;

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
        String range = "received_at >= :dayStart AND received_at < :dayEnd";
        String where = sql.where().isEmpty() ? " WHERE " : sql.where() + " AND ";
        String others = sql.whereExceptPayload().isEmpty() ? " WHERE " : sql.whereExceptPayload() + " AND ";
        String matches = "SELECT " + columns + " FROM (SELECT * FROM deliveries" + where + range
                + " OFFSET 0) AS matched" + order + " LIMIT :limit";
        String probe = "SELECT " + columns + " FROM (SELECT * FROM deliveries" + others + range + order
                + " LIMIT :probe) AS newest WHERE " + sql.payloadConditions() + order + " LIMIT :limit";
        List<Day> days = days(handle);
        // One day first, then twice as many days as the last time while the page is not full: a common value is
        // read from the newest day or two, one that nothing holds costs a handful of statements, not one a day.
        for (int first = 0, span = 1; first < days.size() && rows.size() < limit; first += span, span *= 2) {
            List<Day> window = days.subList(first, Math.min(days.size(), first + span));
            int wanted = limit - rows.size();
            Map<String, Object> bindings = new LinkedHashMap<>(sql.bindings());
            bindings.putAll(extraBindings);
            bindings.put("dayStart", newestFirst ? window.get(window.size() - 1).start() : window.get(0).start());
            bindings.put("dayEnd", newestFirst ? window.get(0).end() : window.get(window.size() - 1).end());
            bindings.put("limit", wanted);
            rows.addAll(window(run, probe, matches, bindings, wanted));
        }
        return rows;
    }

    /**
     * The first {@code wanted} matches of one window, in order: from its newest rows when they hold them, else all
     * its matches from the GIN index. Reading rows in order costs some 5 microseconds a row, reading a match from
     * the GIN index (its heap row, the containment test, the sort) some 25: for a value one row in two hundred or
     * more holds, reading on in order is the cheaper (for a window of a day of 300,000 rows), so a first probe that
     * found that many is followed by a longer one, sized from what it found, before the GIN index is asked.
     */
    private static <T> List<T> window(BiFunction<DeliverySearchStatement, Integer, List<T>> run, String probe,
                                      String matches, Map<String, Object> bindings, int wanted) {
        List<T> newest = run.apply(probing(probe, bindings, PROBE_ROWS), wanted);
        if (newest.size() >= wanted) {
            return newest;
        }
        if (newest.size() >= PROBE_ROWS / 200) {
            long needed = (long) PROBE_ROWS * wanted * 3 / (2L * newest.size());
            newest = run.apply(probing(probe, bindings, (int) Math.min(LONG_PROBE_ROWS, needed)), wanted);
            if (newest.size() >= wanted) {
                return newest;
            }
        }
        return run.apply(new DeliverySearchStatement(matches, bindings), wanted);
    }

    private static DeliverySearchStatement probing(String probe, Map<String, Object> bindings, int rows) {
        Map<String, Object> probing = new LinkedHashMap<>(bindings);
        probing.put("probe", rows);
        return new DeliverySearchStatement(probe, probing);
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
