package org.callbackgateway.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Status-change notifications waiting to be posted; claimed with a lease under {@code SKIP LOCKED}, so that
 * several gateway instances never post the same one at once.
 */
@RegisterConstructorMapper(OutboxDao.Pending.class)
public interface OutboxDao {

    /** A notification to post. */
    record Pending(long id, String payload, int attempts) {
    }

    @SqlUpdate("""
            INSERT INTO outbound_notifications (job_id, payload, created_at, next_attempt_at)
            VALUES (:jobId, CAST(:payload AS jsonb), :now, :now)
            """)
    void enqueue(@Bind("jobId") UUID jobId, @Bind("payload") String payload, @Bind("now") Instant now);

    @SqlQuery("""
            UPDATE outbound_notifications SET next_attempt_at = :leaseUntil
             WHERE id IN (SELECT id FROM outbound_notifications
                           WHERE next_attempt_at <= :now
                           ORDER BY id
                           LIMIT :limit
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, payload::text AS payload, attempts
            """)
    List<Pending> claimDue(@Bind("now") Instant now, @Bind("leaseUntil") Instant leaseUntil, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM outbound_notifications WHERE id = :id")
    void sent(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE outbound_notifications
               SET attempts = attempts + 1, next_attempt_at = :nextAttemptAt, last_error = :error
             WHERE id = :id
            """)
    void failed(@Bind("id") long id, @Bind("nextAttemptAt") Instant nextAttemptAt, @Bind("error") String error);
}
