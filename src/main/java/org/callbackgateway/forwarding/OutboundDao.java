package org.callbackgateway.forwarding;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Outbound messages (one event for one subscription) and their attempts. Messages are claimed with a lease under
 * {@code SKIP LOCKED}: the claim moves {@code next_attempt_at} to the lease's end, so a message whose sender died
 * is due again once the lease runs out, and no two instances send it at once.
 */
@RegisterConstructorMapper(OutboundDao.Claimed.class)
@RegisterConstructorMapper(AttemptView.class)
@RegisterConstructorMapper(MessageView.class)
@RegisterConstructorMapper(OutboundDao.Backlog.class)
public interface OutboundDao {

    /** A message this instance has claimed and now sends. */
    record Claimed(long id, UUID subscriptionId, Long eventId, String body, int attempts, Instant createdAt) {
    }

    /** One attempt, as recorded. */
    record Attempt(long messageId, UUID subscriptionId, Instant attemptedAt, String outcome, Integer statusCode,
                   int latencyMs, String responseHead) {
    }

    @SqlQuery("SELECT position FROM forwarding_cursor WHERE id = 1 FOR UPDATE SKIP LOCKED")
    Optional<Long> lockCursor();

    @SqlUpdate("UPDATE forwarding_cursor SET position = :position WHERE id = 1")
    void moveCursor(@Bind("position") long position);

    @SqlQuery("SELECT position FROM forwarding_cursor WHERE id = 1")
    long cursor();

    @SqlQuery("""
            UPDATE outbound_messages SET next_attempt_at = :leaseUntil
             WHERE id IN (SELECT id FROM outbound_messages
                           WHERE subscription_id = :subscription AND state = 'pending' AND next_attempt_at <= :now
                             -- As the subscription is now, not as the round read it: switched off or paused since
                             -- by another request's outcome, it gets nothing more (a probe excepted).
                             AND EXISTS (SELECT 1 FROM subscriptions s
                                          WHERE s.id = :subscription AND s.enabled
                                            AND (s.circuit_open_until IS NULL OR :probe))
                           ORDER BY next_attempt_at, id
                           LIMIT :limit
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, subscription_id, event_id, body::text AS body, attempts, created_at
            """)
    List<Claimed> claim(@Bind("subscription") UUID subscriptionId, @Bind("now") Instant now,
                        @Bind("leaseUntil") Instant leaseUntil, @Bind("limit") int limit, @Bind("probe") boolean probe);

    /** Takes the probe of a paused subscription: true for the one instance that moved the probe time. */
    @SqlUpdate("""
            UPDATE subscriptions SET circuit_open_until = :nextProbe
             WHERE id = :id AND enabled AND circuit_open_until IS NOT NULL AND circuit_open_until <= :now
            """)
    int claimProbe(@Bind("id") UUID subscriptionId, @Bind("now") Instant now, @Bind("nextProbe") Instant nextProbe);

    @SqlUpdate("""
            INSERT INTO outbound_attempts (message_id, subscription_id, attempted_at, outcome, status_code, latency_ms,
                                           response_head)
            VALUES (:messageId, :subscriptionId, :attemptedAt, :outcome, :statusCode, :latencyMs, :responseHead)
            """)
    void recordAttempt(@BindMethods Attempt attempt);

    @SqlUpdate("""
            UPDATE outbound_messages SET state = 'delivered', attempts = attempts + 1, finished_at = :now,
                   last_error = NULL
             WHERE id = :id AND state = 'pending'
            """)
    void delivered(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE outbound_messages SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error
             WHERE id = :id AND state = 'pending'
            """)
    void retryAt(@Bind("id") long id, @Bind("next") Instant next, @Bind("error") String error);

    @SqlUpdate("""
            UPDATE outbound_messages SET state = 'failed', attempts = attempts + 1, finished_at = :now,
                   last_error = :error
             WHERE id = :id AND state = 'pending'
            """)
    void deadLetter(@Bind("id") long id, @Bind("now") Instant now, @Bind("error") String error);

    @SqlUpdate("""
            UPDATE subscriptions SET consecutive_failures = 0, circuit_open_until = NULL
             WHERE id = :id AND (consecutive_failures <> 0 OR circuit_open_until IS NOT NULL)
            """)
    void succeeded(@Bind("id") UUID subscriptionId);

    @SqlUpdate("""
            UPDATE subscriptions SET consecutive_failures = consecutive_failures + 1,
                   circuit_open_until = CASE WHEN consecutive_failures + 1 >= :threshold THEN :probeAt
                                             ELSE circuit_open_until END
             WHERE id = :id
            """)
    void failed(@Bind("id") UUID subscriptionId, @Bind("threshold") int threshold, @Bind("probeAt") Instant probeAt);

    @SqlUpdate("""
            UPDATE subscriptions SET enabled = false, disabled_reason = :reason, updated_at = :now
             WHERE id = :id AND enabled
            """)
    void disable(@Bind("id") UUID subscriptionId, @Bind("reason") String reason, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO outbound_messages (subscription_id, event_id, state, created_at, next_attempt_at)
            VALUES (:subscription, :eventId, 'pending', :now, :now)
            """)
    void enqueue(@Bind("subscription") UUID subscriptionId, @Bind("eventId") long eventRowId, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO outbound_messages (subscription_id, event_id, state, created_at, next_attempt_at)
            SELECT :subscription, id, 'pending', :now, :now
              FROM events
             WHERE occurred_at >= :since AND occurred_at < :until AND position IS NOT NULL
               AND (cardinality(CAST(:types AS text[])) = 0 OR type = ANY(CAST(:types AS text[])))
               AND (cardinality(CAST(:sources AS text[])) = 0 OR source = ANY(CAST(:sources AS text[])))
               AND (CAST(:owner AS text) IS NULL OR job_owner = CAST(:owner AS text))
               AND (CAST(:jobId AS uuid) IS NULL OR job_id = CAST(:jobId AS uuid))
             ORDER BY position
            """)
    int replay(@Bind("subscription") UUID subscriptionId, @Bind("since") Instant since, @Bind("until") Instant until,
               @Bind("sources") String[] sources, @Bind("types") String[] types, @Bind("owner") String owner,
               @Bind("jobId") UUID jobId, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT a.id, a.message_id, e.event_id, a.attempted_at, a.outcome, a.status_code, a.latency_ms,
                   a.response_head
              FROM outbound_attempts a
              JOIN outbound_messages m ON m.id = a.message_id
              LEFT JOIN events e ON e.id = m.event_id
             WHERE a.subscription_id = :subscription AND a.id < :before
               AND (CAST(:eventId AS text) IS NULL OR e.event_id = CAST(:eventId AS text))
             ORDER BY a.id DESC
             LIMIT :limit
            """)
    List<AttemptView> attempts(@Bind("subscription") UUID subscriptionId, @Bind("eventId") String eventId,
                               @Bind("before") long before, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT m.id, e.event_id, m.state, m.attempts, m.created_at, m.next_attempt_at, m.finished_at, m.last_error
              FROM outbound_messages m
              LEFT JOIN events e ON e.id = m.event_id
             WHERE m.subscription_id = :subscription AND m.id < :before
               AND (CAST(:state AS text) IS NULL OR m.state = CAST(:state AS text))
             ORDER BY m.id DESC
             LIMIT :limit
            """)
    List<MessageView> messages(@Bind("subscription") UUID subscriptionId, @Bind("state") String state,
                               @Bind("before") long before, @Bind("limit") int limit);

    /** Per subscription: messages not yet delivered nor given up, and the age of the oldest in seconds. */
    @SqlQuery("""
            SELECT subscription_id, count(*) AS pending,
                   extract(epoch FROM (CAST(:now AS timestamptz) - min(created_at)))::float8 AS lag_seconds
              FROM outbound_messages WHERE state = 'pending' GROUP BY subscription_id
            """)
    List<Backlog> backlog(@Bind("now") Instant now);

    /** The forwarding backlog of one subscription. */
    record Backlog(UUID subscriptionId, long pending, double lagSeconds) {
    }
}
