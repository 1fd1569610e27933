package org.callbackgateway.callbacks;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.callbackgateway.web.ApiException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Searches stored deliveries, newest first ({@code received_at}, then id), for operators who want to see what
 * arrived, and hands the bulk replay the ids a filter matches.
 *
 * <p>The cursor is the received time (epoch microseconds) and id of the last delivery of a page: a page never
 * repeats or skips a delivery whatever arrives meanwhile.
 */
public final class DeliveryQueryService {
    public static final int MAX_LIMIT = 200;

    private final Jdbi jdbi;

    public DeliveryQueryService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One page and the cursor of the next, null on the last page. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(List<DeliveryView> deliveries, String nextCursor) {
    }

    /**
     * Lists deliveries matching the query.
     *
     * @throws ApiException 400 for an unknown outcome, a bad limit or a bad cursor
     */
    public Page list(DeliveryQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw ApiException.illegalArgument("limit must be between 1 and " + MAX_LIMIT);
        }
        List<DeliveryRow> rows = searching(handle -> page(query, handle, (statement, wanted) -> statement
                .query(handle).map(ConstructorMapper.of(DeliveryRow.class)).list()));
        boolean more = rows.size() > query.limit();
        List<DeliveryRow> page = rows.subList(0, Math.min(rows.size(), query.limit()));
        String next = more ? Cursor.of(page.get(page.size() - 1)) : null;
        return new Page(page.stream().map(DeliveryView::of).toList(), next);
    }

    /**
     * The ids of every delivery matching {@code filter}, oldest first, at most {@code max}.
     *
     * @return empty when more than {@code max} match
     * @throws ApiException 400 for an unknown outcome
     */
    public Optional<List<Long>> ids(DeliveryFilter filter, int max) {
        DeliverySearchSql sql = DeliverySearchSql.of(filter);
        List<Long> ids = searching(handle -> {
            if (sql.hasPayloadCondition()) {
                return new DayByDaySearch(sql, "id", false, Map.of()).run(handle, max + 1,
                        (statement, wanted) -> statement.query(handle).mapTo(Long.class).list());
            }
            return handle.createQuery("SELECT id FROM deliveries" + sql.where() + " ORDER BY received_at, id LIMIT :limit")
                    .bindMap(sql.bindings()).bind("limit", max + 1).mapTo(Long.class).list();
        });
        return ids.size() > max ? Optional.empty() : Optional.of(ids);
    }

    /**
     * The rows of one page, newest first, one more than the page (to tell whether there is a next one): one
     * statement, or with a payload condition one a day ({@link DayByDaySearch}), each run by {@code run}
     * (statement, rows still wanted).
     *
     * @throws ApiException 400 for an unknown outcome or a bad cursor
     */
    static <T> List<T> page(DeliveryQuery query, Handle handle,
                            BiFunction<DeliverySearchStatement, Integer, List<T>> run) {
        DeliverySearchSql sql = DeliverySearchSql.of(query.filter());
        query.cursor().map(Cursor::parse).ifPresent(cursor -> sql.before(cursor.receivedAt(), cursor.id()));
        int limit = query.limit() + 1;
        Map<String, Object> withBody = Map.of("withBody", query.withBody());
        if (sql.hasPayloadCondition()) {
            return new DayByDaySearch(sql, DeliveryQueryDao.COLUMNS, true, withBody).run(handle, limit, run);
        }
        Map<String, Object> bindings = new LinkedHashMap<>(sql.bindings());
        bindings.putAll(withBody);
        bindings.put("limit", limit);
        return run.apply(new DeliverySearchStatement("SELECT " + DeliveryQueryDao.COLUMNS + " FROM deliveries"
                + sql.where() + " ORDER BY received_at DESC, id DESC LIMIT :limit", bindings), limit);
    }

    /**
     * Runs a search's statements in a transaction in which each is planned for its own values, never
     * from a cached generic plan: planned without them, a statement does not know which partitions its time range
     * keeps, how many rows that range holds (guessed at 0.5%, the plan adds a bitmap of the received-time index
     * over the whole of each day: 100 ms a day at 333,000 deliveries) or what its payload condition matches.
     * Searches are rare; planning each statement costs a millisecond or two. (A transaction-level setting, not
     * the driver's: it holds behind a transaction pooler and whichever pool hands out the connection.)
     */
    private <T> T searching(HandleCallback<T, RuntimeException> search) {
        return jdbi.inTransaction(handle -> {
            handle.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            return search.withHandle(handle);
        });
    }

    public Optional<DeliveryView> find(long id, boolean withBody) {
        return jdbi.withExtension(DeliveryQueryDao.class, dao -> dao.find(id, withBody)).map(DeliveryView::of);
    }

    /** The position after a delivery in the order newest first. */
    private record Cursor(Instant receivedAt, long id) {
        static String of(DeliveryRow row) {
            Instant at = row.receivedAt();
            return (at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000) + "." + row.id();
        }

        static Cursor parse(String value) {
            String[] parts = value.trim().split("\\.", -1);
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                long micros = Long.parseLong(parts[0]);
                long id = Long.parseLong(parts[1]);
                if (id < 1 || micros < 0 || micros > 253_402_300_799_999_999L) {
                    throw new NumberFormatException();
                }
                return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000L), id);
            } catch (NumberFormatException | java.time.DateTimeException e) {
                throw ApiException.illegalArgument("cursor must be the next_cursor of a previous page");
            }
        }
    }
}
