package org.callbackgateway.events;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads of the event log. Only positioned events are ever read: an unpositioned one may still be overtaken by
 * one that commits later, positions are what is in commit order.
 */
@RegisterConstructorMapper(Event.class)
public interface EventDao {

    String COLUMNS = """
            position, event_id AS id, type, source, delivery_id, job_id, job_owner, occurred_at, data::text AS data,
            id AS row_id
            """;

    @SqlQuery("SELECT " + COLUMNS + """
              FROM events
             WHERE position > :after
               AND (cardinality(CAST(:types AS text[])) = 0 OR type = ANY(CAST(:types AS text[])))
               AND (cardinality(CAST(:sources AS text[])) = 0 OR source = ANY(CAST(:sources AS text[])))
               AND (CAST(:owner AS text) IS NULL OR job_owner = CAST(:owner AS text))
               AND (CAST(:jobId AS uuid) IS NULL OR job_id = CAST(:jobId AS uuid))
             ORDER BY position
             LIMIT :limit
            """)
    List<Event> after(@Bind("after") long after, @Bind("types") String[] types, @Bind("sources") String[] sources,
                      @Bind("owner") String owner, @Bind("jobId") UUID jobId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM events WHERE event_id = :id")
    java.util.Optional<Event> find(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM events WHERE id = :rowId")
    java.util.Optional<Event> byRowId(@Bind("rowId") long rowId);

    @SqlQuery("SELECT " + COLUMNS + """
              FROM events
             WHERE occurred_at >= :since AND occurred_at < :until AND position > :after
             ORDER BY position
             LIMIT :limit
            """)
    List<Event> occurred(@Bind("since") java.time.Instant since, @Bind("until") java.time.Instant until,
                         @Bind("after") long after, @Bind("limit") int limit);

    /** The greatest position handed out so far (0 for an empty log). */
    @SqlQuery("SELECT coalesce(max(position), 0) FROM events")
    long head();

    /** Events appended but not yet positioned: what the sequencer has yet to do. */
    @SqlQuery("SELECT count(*) FROM events WHERE position IS NULL")
    long unpositioned();
}
