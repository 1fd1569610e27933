package org.callbackgateway.replay;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Bulk replay runs and their items (V9).
 */
@RegisterConstructorMapper(ReplayRun.class)
public interface ReplayRunDao {

    @SqlUpdate("""
            INSERT INTO replay_runs (id, filter, trust, state, total, created_by, created_at)
            VALUES (:id, CAST(:filter AS jsonb), :trust, 'running', :total, :createdBy, :now)
            """)
    void insertRun(@Bind("id") UUID id, @Bind("filter") String filter, @Bind("trust") boolean trust,
                   @Bind("total") int total, @Bind("createdBy") String createdBy, @Bind("now") Instant now);

    @SqlBatch("INSERT INTO replay_items (run_id, delivery_id) VALUES (:run, :deliveryId)")
    void insertItems(@Bind("run") UUID run, @Bind("deliveryId") List<Long> deliveryIds);

    @SqlQuery("""
            SELECT id, filter::text AS filter, trust, state, total, created_by, created_at, finished_at
              FROM replay_runs WHERE id = :id
            """)
    Optional<ReplayRun> find(@Bind("id") UUID id);

    @SqlQuery("SELECT id, filter::text AS filter, trust, state, total, created_by, created_at, finished_at"
            + " FROM replay_runs WHERE state = 'running' ORDER BY created_at")
    List<ReplayRun> running();

    @SqlQuery("SELECT state FROM replay_runs WHERE id = :id")
    Optional<String> state(@Bind("id") UUID id);

    @SqlQuery("SELECT COALESCE(outcome, 'pending') AS outcome, count(*) FROM replay_items WHERE run_id = :run GROUP BY 1")
    @RegisterConstructorMapper(OutcomeCount.class)
    List<OutcomeCount> outcomes(@Bind("run") UUID run);

    /** A count of items by outcome. */
    record OutcomeCount(String outcome, long count) {
    }

    /** Claims pending items; the row locks are held until the claiming transaction ends. */
    @SqlQuery("""
            SELECT delivery_id FROM replay_items
             WHERE run_id = :run AND outcome IS NULL
             ORDER BY delivery_id
             LIMIT :limit
             FOR UPDATE SKIP LOCKED
            """)
    List<Long> claim(@Bind("run") UUID run, @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE replay_items SET outcome = :outcome, replay_id = :replayId, done_at = :now
             WHERE run_id = :run AND delivery_id = :deliveryId
            """)
    void done(@Bind("run") UUID run, @Bind("deliveryId") long deliveryId, @Bind("outcome") String outcome,
              @Bind("replayId") Long replayId, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE replay_runs SET state = 'finished', finished_at = :now
             WHERE id = :run AND state = 'running'
               AND NOT EXISTS (SELECT 1 FROM replay_items WHERE run_id = :run AND outcome IS NULL)
            """)
    int finishIfDone(@Bind("run") UUID run, @Bind("now") Instant now);

    @SqlUpdate("UPDATE replay_runs SET state = 'cancelled', finished_at = :now WHERE id = :run AND state = 'running'")
    int cancel(@Bind("run") UUID run, @Bind("now") Instant now);
}
