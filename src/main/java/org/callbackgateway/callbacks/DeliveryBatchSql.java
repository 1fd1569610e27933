package org.callbackgateway.callbacks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.callbackgateway.db.SqlArrays;

/**
 * The deliveries' set-wise statements, each one round trip whatever the batch size, in plain JDBC (profiled, Jdbi's
 * per-statement set-up cost more CPU than the statements; bench/RESULTS.md).
 *
 * <p>A batch claims its ids and keys first and inserts its rows last, once their outcome is known, already
 * settled: no delivery row is updated on this path. An update of a delivery is never HOT (it changes indexed
 * columns), so it would write every index entry of the row again, the payload's GIN index included; and finding
 * the row again, by id and received time, is a join whose cached plan may be a scan of the whole day's partition.
 */
final class DeliveryBatchSql {
    /**
     * Takes each unit's id from the sequence first (in arrival order), so that every unit learns its id, and claims
     * the keys in {@code delivery_keys} (which outlives the daily partitions, see V9). A unit is to be stored when
     * it claimed its key, or has none to claim; one whose key is held already, by an earlier delivery or by one
     * before it in the same batch, is not: it repeats an accepted delivery.
     */
    private static final String CLAIM = """
            WITH u AS MATERIALIZED (
                SELECT nextval('deliveries_id_seq') AS id, u.*
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
                       WITH ORDINALITY AS u(source, delivery_key, verification, received_at, ord)
            ), claimed AS (
                INSERT INTO delivery_keys (source, delivery_key, delivery_id, received_at)
                SELECT source, delivery_key, id, CAST(received_at AS timestamptz)
                  FROM u
                 WHERE delivery_key IS NOT NULL AND verification <> 'rejected'
                 ORDER BY ord
                ON CONFLICT (source, delivery_key) DO NOTHING
                RETURNING delivery_id
            )
            SELECT u.ord, u.id,
                   u.delivery_key IS NULL OR u.verification = 'rejected' OR claimed.delivery_id IS NOT NULL AS stored
              FROM u LEFT JOIN claimed ON claimed.delivery_id = u.id
            """;

    /** The stored units' rows, each with its final processing: what they are is decided before they are written. */
    private static final String INSERT = """
            INSERT INTO deliveries (id, source, delivery_key, event_type, content_type, body, body_size, headers,
                                    signature_headers, payload, verification, verification_detail, processing,
                                    processing_detail, job_id, received_at, replay_of, replay_mode, replay_run)
            SELECT id, source, delivery_key, event_type, content_type, body, body_size, CAST(headers AS jsonb),
                   CAST(signature_headers AS jsonb), CAST(payload AS jsonb), verification, verification_detail,
                   processing, processing_detail, CAST(job_id AS uuid), CAST(received_at AS timestamptz), replay_of,
                   replay_mode, CAST(replay_run AS uuid)
              FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::int[], ?::text[],
                          ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::bigint[], ?::text[], ?::text[])
                   WITH ORDINALITY AS u(id, source, delivery_key, event_type, content_type, body, body_size, headers,
                                        signature_headers, payload, verification, verification_detail, processing,
                                        processing_detail, job_id, received_at, replay_of, replay_mode, replay_run,
                                        ord)
             ORDER BY ord
            """;

    private DeliveryBatchSql() {
    }

    /** Each unit's delivery id, negated for a unit not to be stored because it repeats a key. */
    static long[] claim(Connection connection, List<IngestUnit> units) throws SQLException {
        long[] ids = new long[units.size()];
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setArray(1, SqlArrays.of(connection, "text", units, IngestUnit::source));
            statement.setArray(2, SqlArrays.of(connection, "text", units, IngestUnit::deliveryKey));
            statement.setArray(3, SqlArrays.of(connection, "text", units, unit -> unit.verification().dbValue()));
            statement.setArray(4, SqlArrays.of(connection, "text", units, unit -> unit.receivedAt().toString()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong("id");
                    ids[(int) rows.getLong("ord") - 1] = rows.getBoolean("stored") ? id : -id;
                }
            }
        }
        return ids;
    }

    /** A unit to store under the id it claimed, with what became of it. */
    record Row(long id, IngestUnit unit, PayloadProcessor.Applied applied) {
    }

    static void insert(Connection connection, List<Row> rows) throws SQLException {
        int size = rows.size();
        Long[] ids = new Long[size];
        byte[][] bodies = new byte[size][];
        Integer[] sizes = new Integer[size];
        Long[] replayOf = new Long[size];
        for (int i = 0; i < size; i++) {
            IngestUnit unit = rows.get(i).unit();
            ids[i] = rows.get(i).id();
            bodies[i] = unit.body();
            sizes[i] = unit.bodySize();
            replayOf[i] = ReplayMark.originalOf(unit.replay());
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            int index = 1;
            statement.setArray(index++, connection.createArrayOf("int8", ids));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.unit().source()));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.unit().deliveryKey()));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.unit().eventType()));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.unit().contentType()));
            statement.setArray(index++, connection.createArrayOf("bytea", bodies));
            statement.setArray(index++, connection.createArrayOf("int4", sizes));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.unit().headersJson()));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.unit().signaturesJson()));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.unit().body() == null ? null
                    : PayloadJson.of(row.unit().body())));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.unit().verification().dbValue()));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.unit().verificationDetail()));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.applied().processing().dbValue()));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.applied().detail()));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.applied().jobId() == null ? null
                    : row.applied().jobId().toString()));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> row.unit().receivedAt().toString()));
            statement.setArray(index++, connection.createArrayOf("int8", replayOf));
            statement.setArray(index++, SqlArrays.of(connection, "text", rows, row -> ReplayMark.modeOf(row.unit().replay())));
            statement.setArray(index, SqlArrays.of(connection, "text", rows, row -> {
                UUID run = ReplayMark.runOf(row.unit().replay());
                return run == null ? null : run.toString();
            }));
            statement.executeUpdate();
        }
    }

}
