package org.callbackgateway.hpc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Pending HPC lookups. Claims lease rows with {@code FOR UPDATE SKIP LOCKED}, so that several gateway instances
 * on one database never work on the same job at once.
 */
@RegisterConstructorMapper(HpcRetryDao.Retry.class)
public interface HpcRetryDao {

    /** A due lookup. */
    record Retry(UUID jobId, int attempts, Instant firstFailedAt) {
    }

    /** Schedules a lookup after a failure, keeping the first failure time of an existing one. */
    @SqlUpdate("""
            INSERT INTO hpc_lookup_retries (job_id, attempts, first_failed_at, next_attempt_at, last_error)
            VALUES (:jobId, 1, :now, :nextAttemptAt, :error)
            ON CONFLICT (job_id) DO UPDATE
               SET attempts = hpc_lookup_retries.attempts + 1,
                   next_attempt_at = :nextAttemptAt,
                   last_error = :error
            """)
    void failed(@Bind("jobId") UUID jobId, @Bind("now") Instant now, @Bind("nextAttemptAt") Instant nextAttemptAt,
                @Bind("error") String error);

    /**
     * Claims up to {@code limit} due lookups of jobs of {@code source} by moving them {@code leaseUntil} into the
     * future; another instance skips rows this one holds and will not see them as due until the lease ends.
     */
    @SqlQuery("""
            UPDATE hpc_lookup_retries SET next_attempt_at = :leaseUntil
             WHERE job_id IN (SELECT r.job_id FROM hpc_lookup_retries r JOIN jobs j ON j.id = r.job_id
                               WHERE r.next_attempt_at <= :now AND j.source = :source
                               ORDER BY r.next_attempt_at
                               LIMIT :limit
                               FOR UPDATE OF r SKIP LOCKED)
            RETURNING job_id, attempts, first_failed_at
            """)
    List<Retry> claimDue(@Bind("source") String source, @Bind("now") Instant now,
                         @Bind("leaseUntil") Instant leaseUntil, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM hpc_lookup_retries WHERE job_id = :jobId")
    void done(@Bind("jobId") UUID jobId);

    /** Queues a check of HPC jobs that have been quiet too long; existing entries stay as they are. */
    @SqlUpdate("""
            INSERT INTO hpc_lookup_retries (job_id, attempts, first_failed_at, next_attempt_at, last_error)
            SELECT id, 0, :now, :now, 'periodic re-check'
              FROM jobs
             WHERE source IN (<sources>)
               AND external_id IS NOT NULL
               AND status NOT IN ('Completed', 'Failed', 'Canceled')
               AND GREATEST(updated_at, COALESCE(checked_at, updated_at)) < :quietSince
            ON CONFLICT (job_id) DO NOTHING
            """)
    int queueQuietJobs(@BindList("sources") List<String> sources,
                       @Bind("now") Instant now, @Bind("quietSince") Instant quietSince);

    @SqlQuery("SELECT attempts FROM hpc_lookup_retries WHERE job_id = :jobId")
    Optional<Integer> attempts(@Bind("jobId") UUID jobId);
}
