package org.callbackgateway.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The set-wise statements of a batch of status changes, each one round trip whatever the batch size: register the
 * jobs sources announce, lock every job the batch names, then move the jobs and write their history at once.
 */
final class StatusBatchSql {
    private static final String REGISTER = """
            INSERT INTO jobs (id, source, external_id, owner, name, app_id, status, start_date, created_at, updated_at)
            SELECT CAST(u.id AS uuid), u.source, u.external_id, u.owner, u.name, u.app_id, u.status,
                   CAST(u.start_date AS timestamptz), ?, ?
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   WITH ORDINALITY AS u(id, source, external_id, owner, name, app_id, status, start_date, ord)
             ORDER BY u.ord
            ON CONFLICT (source, external_id) DO NOTHING
            """;

    /**
     * Resolves each reference as the one-job look-ups do (an internal id first, else the external id, the DE's own
     * job first), then locks the jobs in id order, so that batches and single transactions never lock crosswise.
     */
    private static final String LOCK = """
            WITH r AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS r(internal, source, external_id, ord)
            ), resolved AS (
                SELECT r.ord, COALESCE(
                         (SELECT j.id FROM jobs j WHERE j.id = CAST(r.internal AS uuid)),
                         CASE WHEN r.source IS NULL THEN
                             (SELECT j.id FROM jobs j WHERE j.external_id = r.external_id
                               ORDER BY (j.source = 'de') DESC, j.created_at, j.id LIMIT 1)
                         ELSE (SELECT j.id FROM jobs j WHERE j.source = r.source AND j.external_id = r.external_id)
                         END) AS job_id
                  FROM r
            ), locked AS (
                SELECT j.* FROM jobs j WHERE j.id IN (SELECT job_id FROM resolved) ORDER BY j.id FOR UPDATE
            )
            SELECT resolved.ord, locked.* FROM resolved LEFT JOIN locked ON locked.id = resolved.job_id
            """;

    /**
     * Moves each job to its batch's last applied status and writes every change's history row, in arrival order.
     * The rank and terminal rules are checked again here (from {@link JobStatus}): a job whose row is not as it was
     * locked, or a move that is not forward, updates nothing, and the count tells the caller.
     */
    private static final String WRITE = """
            WITH moved AS (
                UPDATE jobs j
                   SET status = m.status,
                       start_date = COALESCE(j.start_date, CAST(m.start_date AS timestamptz)),
                       end_date = COALESCE(CAST(m.end_date AS timestamptz), j.end_date),
                       updated_at = ?
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       AS m(id, old_status, status, start_date, end_date)
                 WHERE j.id = CAST(m.id AS uuid) AND j.status = m.old_status
                   AND j.status NOT IN (%s)
                   AND %s > %s
                RETURNING j.id
            ), history AS (
                INSERT INTO job_status_updates
                    (job_id, delivery_id, origin, remote_status, old_status, new_status, outcome, reason, basis,
                     claimed_status, created_at)
                SELECT CAST(h.job_id AS uuid), CAST(h.delivery_id AS bigint), h.origin, h.remote_status, h.old_status,
                       h.new_status, h.outcome, h.reason, h.basis, h.claimed_status, ?
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[], ?::text[])
                       WITH ORDINALITY AS h(job_id, delivery_id, origin, remote_status, old_status, new_status, outcome,
                                            reason, basis, claimed_status, ord)
                 ORDER BY h.ord
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM moved), (SELECT count(*) FROM history)
            """.formatted(terminalLabels(), rank("m.status"), rank("j.status"));

    /** The SQL of a status's rank, from {@link JobStatus} itself, so that the SQL check cannot drift from it. */
    private static String rank(String column) {
        StringBuilder sql = new StringBuilder("(CASE ").append(column);
        for (JobStatus status : JobStatus.values()) {
            sql.append(" WHEN '").append(status.label()).append("' THEN ").append(status.rank());
        }
        return sql.append(" END)").toString();
    }

    private static String terminalLabels() {
        return java.util.Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal)
                .map(status -> "'" + status.label() + "'").collect(java.util.stream.Collectors.joining(", "));
    }

    private StatusBatchSql() {
    }

    /** Registers the jobs not yet tracked, in key order (two batches inserting the same new jobs never deadlock). */
    static void register(Connection connection, List<NewJob> jobs, List<String> ids, Instant now) throws SQLException {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, String>comparing(i -> jobs.get(i).source())
                .thenComparing(i -> jobs.get(i).externalId().orElseThrow()));
        List<NewJob> sorted = order.stream().map(jobs::get).toList();
        List<String> sortedIds = order.stream().map(ids::get).toList();
        try (PreparedStatement statement = connection.prepareStatement(REGISTER)) {
            JobRows.setTimestamp(statement, 1, now);
            JobRows.setTimestamp(statement, 2, now);
            statement.setArray(3, connection.createArrayOf("text", sortedIds.toArray(new String[0])));
            statement.setArray(4, JobRows.texts(connection, sorted, NewJob::source));
            statement.setArray(5, JobRows.texts(connection, sorted, job -> job.externalId().orElseThrow()));
            statement.setArray(6, JobRows.texts(connection, sorted, NewJob::owner));
            statement.setArray(7, JobRows.texts(connection, sorted, NewJob::name));
            statement.setArray(8, JobRows.texts(connection, sorted, job -> job.appId().orElse(null)));
            statement.setArray(9, JobRows.texts(connection, sorted, job -> job.status().label()));
            statement.setArray(10, JobRows.texts(connection, sorted, job -> job.startDate().orElse(null)));
            statement.executeUpdate();
        }
    }

    /** The locked job of each reference, in the references' order; empty where none matches. */
    static List<Optional<Job>> lock(Connection connection, List<String> internal, List<String> sources,
                                    List<String> externalIds) throws SQLException {
        List<Optional<Job>> jobs = new ArrayList<>(internal.size());
        for (int i = 0; i < internal.size(); i++) {
            jobs.add(Optional.empty());
        }
        try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
            statement.setArray(1, connection.createArrayOf("text", internal.toArray(new String[0])));
            statement.setArray(2, connection.createArrayOf("text", sources.toArray(new String[0])));
            statement.setArray(3, connection.createArrayOf("text", externalIds.toArray(new String[0])));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getObject("id") != null) {
                        jobs.set((int) rows.getLong("ord") - 1, Optional.of(JobRows.job(rows)));
                    }
                }
            }
        }
        return jobs;
    }

    /** Writes the moves and the history; returns how many jobs moved. */
    static long write(Connection connection, List<StatusBatch.Move> moves, List<StatusBatch.History> history,
                      Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
            JobRows.setTimestamp(statement, 1, now);
            statement.setArray(2, JobRows.texts(connection, moves, StatusBatch.Move::jobId));
            statement.setArray(3, JobRows.texts(connection, moves, StatusBatch.Move::oldStatus));
            statement.setArray(4, JobRows.texts(connection, moves, StatusBatch.Move::status));
            statement.setArray(5, JobRows.texts(connection, moves, StatusBatch.Move::startDate));
            statement.setArray(6, JobRows.texts(connection, moves, StatusBatch.Move::endDate));
            JobRows.setTimestamp(statement, 7, now);
            statement.setArray(8, JobRows.texts(connection, history, StatusBatch.History::jobId));
            statement.setArray(9, JobRows.texts(connection, history, StatusBatch.History::deliveryId));
            statement.setArray(10, JobRows.texts(connection, history, StatusBatch.History::origin));
            statement.setArray(11, JobRows.texts(connection, history, StatusBatch.History::remoteStatus));
            statement.setArray(12, JobRows.texts(connection, history, StatusBatch.History::oldStatus));
            statement.setArray(13, JobRows.texts(connection, history, StatusBatch.History::newStatus));
            statement.setArray(14, JobRows.texts(connection, history, StatusBatch.History::outcome));
            statement.setArray(15, JobRows.texts(connection, history, StatusBatch.History::reason));
            statement.setArray(16, JobRows.texts(connection, history, StatusBatch.History::basis));
            statement.setArray(17, JobRows.texts(connection, history, StatusBatch.History::claimedStatus));
            try (ResultSet counts = statement.executeQuery()) {
                counts.next();
                return counts.getLong(1);
            }
        }
    }
}
