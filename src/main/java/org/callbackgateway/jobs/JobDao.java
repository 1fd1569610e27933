package org.callbackgateway.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Job rows and their status history.
 */
@RegisterConstructorMapper(Job.class)
@RegisterConstructorMapper(StatusUpdate.class)
public interface JobDao {

    @SqlUpdate("""
            INSERT INTO jobs (id, source, external_id, owner, name, app_id, status, start_date, email_on_finish,
                              created_at, updated_at)
            VALUES (:id, :source, :externalId, :owner, :name, :appId, :status, :startDate, :emailOnFinish, :now, :now)
            """)
    void insert(@Bind("id") UUID id, @Bind("source") String source, @Bind("externalId") String externalId,
                @Bind("owner") String owner, @Bind("name") String name, @Bind("appId") String appId,
                @Bind("status") String status, @Bind("startDate") Instant startDate, @Bind("emailOnFinish") boolean emailOnFinish,
                @Bind("now") Instant now);

    /** Registers a job unless its source already tracks that external id; 0 when it does. */
    @SqlUpdate("""
            INSERT INTO jobs (id, source, external_id, owner, name, app_id, status, start_date, created_at, updated_at)
            VALUES (:id, :source, :externalId, :owner, :name, :appId, :status, :startDate, :now, :now)
            ON CONFLICT (source, external_id) DO NOTHING
            """)
    int insertIfAbsent(@Bind("id") UUID id, @Bind("source") String source, @Bind("externalId") String externalId,
                       @Bind("owner") String owner, @Bind("name") String name, @Bind("appId") String appId,
                       @Bind("status") String status, @Bind("startDate") Instant startDate, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM jobs WHERE source = :source AND external_id = :externalId FOR UPDATE")
    Optional<Job> lockBySourceAndExternalId(@Bind("source") String source, @Bind("externalId") String externalId);

    @SqlQuery("SELECT * FROM jobs WHERE id = :id")
    Optional<Job> find(@Bind("id") UUID id);

    @SqlQuery("SELECT * FROM jobs WHERE id = :id FOR UPDATE")
    Optional<Job> lock(@Bind("id") UUID id);

    /** Jobs by external id across sources, the DE's own first, oldest first, locked. */
    @SqlQuery("""
            SELECT * FROM jobs WHERE external_id = :externalId
            ORDER BY (source = 'de') DESC, created_at, id
            LIMIT 1
            FOR UPDATE
            """)
    Optional<Job> lockByExternalId(@Bind("externalId") String externalId);

    @SqlUpdate("""
            UPDATE jobs
               SET status = :status,
                   start_date = COALESCE(start_date, :startDate),
                   end_date = COALESCE(:endDate, end_date),
                   updated_at = :now
             WHERE id = :id
            """)
    void updateStatus(@Bind("id") UUID id, @Bind("status") String status, @Bind("startDate") Instant startDate,
                      @Bind("endDate") Instant endDate, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO job_status_updates
                (job_id, delivery_id, origin, remote_status, old_status, new_status, outcome, reason, basis,
                 claimed_status, created_at)
            VALUES (:jobId, :deliveryId, :origin, :remoteStatus, :oldStatus, :newStatus, :outcome, :reason, :basis,
                    :claimedStatus, :now)
            """)
    @GetGeneratedKeys("id")
    long insertUpdate(@Bind("jobId") UUID jobId, @Bind("deliveryId") Long deliveryId, @Bind("origin") String origin,
                      @Bind("remoteStatus") String remoteStatus, @Bind("oldStatus") String oldStatus,
                      @Bind("newStatus") String newStatus, @Bind("outcome") String outcome,
                      @Bind("reason") String reason, @Bind("basis") String basis,
                      @Bind("claimedStatus") String claimedStatus, @Bind("now") Instant now);

    @SqlUpdate("UPDATE jobs SET checked_at = :now WHERE id = :id")
    void markChecked(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE jobs SET external_id = :externalId, updated_at = :now WHERE id = :id AND external_id IS NULL")
    boolean setExternalId(@Bind("id") UUID id, @Bind("externalId") String externalId, @Bind("now") Instant now);

    /** One page, newest first; every filter is optional (null). */
    @SqlQuery("""
            SELECT * FROM jobs
             WHERE (CAST(:owner AS text) IS NULL OR owner = :owner)
               AND (CAST(:status AS text) IS NULL OR status = :status)
               AND (CAST(:source AS text) IS NULL OR source = :source)
               AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
                    OR (created_at, id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid)))
             ORDER BY created_at DESC, id DESC
             LIMIT :limit
            """)
    List<Job> page(@Bind("owner") String owner, @Bind("status") String status, @Bind("source") String source,
                   @Bind("afterCreatedAt") Instant afterCreatedAt, @Bind("afterId") UUID afterId,
                   @Bind("limit") int limit);

    @SqlUpdate("UPDATE jobs SET callback_token_hash = :digest WHERE id = :id")
    void setCallbackTokenHash(@Bind("id") UUID id, @Bind("digest") byte[] digest);

    @SqlQuery("SELECT callback_token_hash FROM jobs WHERE id = :id AND callback_token_hash IS NOT NULL")
    Optional<byte[]> callbackTokenHash(@Bind("id") UUID id);

    @SqlUpdate("UPDATE jobs SET progress = CAST(:progress AS jsonb), updated_at = :now WHERE id = :id")
    void setProgress(@Bind("id") UUID id, @Bind("progress") String progress, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM job_status_updates WHERE job_id = :jobId ORDER BY id")
    List<StatusUpdate> history(@Bind("jobId") UUID jobId);
}
