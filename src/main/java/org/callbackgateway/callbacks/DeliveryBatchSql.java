package org.callbackgateway.callbacks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The deliveries' set-wise statements, each one round trip whatever the batch size, in plain JDBC (profiled, Jdbi's
 * per-statement set-up cost more CPU than the statements; bench/RESULTS.md).
 */
final class DeliveryBatchSql {
    /**
     * Takes each row's id from the sequence first (in arrival order), so that every unit learns its id; claims the
     * keys in {@code delivery_keys} (which outlives the daily partitions, see V9) and stores the rows whose key it
     * claimed, or that have none to claim. A unit whose key is held already, by an earlier delivery or by one
     * before it in the same batch, is not stored: it repeats an accepted delivery.
     */
    private static final String INSERT = """
            WITH u AS MATERIALIZED (
                SELECT nextval('deliveries_id_seq') AS id, u.*
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::int[], ?::text[], ?::text[],
                              ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[])
                       WITH ORDINALITY AS u(source, delivery_key, event_type, content_type, body, body_size, headers,
                                            signature_headers, payload, verification, verification_detail,
                                            received_at, replay_of, replay_mode, replay_run, ord)
            ), claimed AS (
                INSERT INTO delivery_keys (source, delivery_key, delivery_id, received_at)
                SELECT source, delivery_key, id, CAST(received_at AS timestamptz)
                  FROM u
                 WHERE delivery_key IS NOT NULL AND verification <> 'rejected'
                 ORDER BY ord
                ON CONFLICT (source, delivery_key) DO NOTHING
                RETURNING delivery_id
            ), stored AS (
                INSERT INTO deliveries (id, source, delivery_key, event_type, content_type, body, body_size, headers,
                                        signature_headers, payload, verification, verification_detail, processing,
                                        received_at, replay_of, replay_mode, replay_run)
                SELECT id, source, delivery_key, event_type, content_type, body, body_size, CAST(headers AS jsonb),
                       CAST(signature_headers AS jsonb), CAST(payload AS jsonb), verification, verification_detail,
                       'received', CAST(received_at AS timestamptz), replay_of, replay_mode, CAST(replay_run AS uuid)
                  FROM u
                 WHERE delivery_key IS NULL OR verification = 'rejected' OR id IN (SELECT delivery_id FROM claimed)
                 ORDER BY ord
                RETURNING id
            )
            SELECT u.ord, u.id, stored.id IS NOT NULL AS stored FROM u LEFT JOIN stored USING (id)
            """;

    /** Joined on id and received time: each row is then found in its own partition alone (run-time pruning). */
    private static final String SETTLE = """
            UPDATE deliveries d
               SET processing = s.processing, processing_detail = s.detail, job_id = CAST(s.job_id AS uuid)
              FROM unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])
                   AS s(id, received_at, processing, detail, job_id)
             WHERE d.id = s.id AND d.received_at = s.received_at
            """;

    private DeliveryBatchSql() {
    }

    /** Fills {@code ids} with each unit's delivery id, negated for a unit not stored because it repeats a key. */
    static void insert(Connection connection, List<IngestUnit> units, long[] ids) throws SQLException {
        int size = units.size();
        byte[][] bodies = new byte[size][];
        Integer[] sizes = new Integer[size];
        Long[] replayOf = new Long[size];
        for (int i = 0; i < size; i++) {
            bodies[i] = units.get(i).body();
            sizes[i] = units.get(i).bodySize();
            replayOf[i] = ReplayMark.originalOf(units.get(i).replay());
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            int index = 1;
            statement.setArray(index++, texts(connection, units, IngestUnit::source));
            statement.setArray(index++, texts(connection, units, IngestUnit::deliveryKey));
            statement.setArray(index++, texts(connection, units, IngestUnit::eventType));
            statement.setArray(index++, texts(connection, units, IngestUnit::contentType));
            statement.setArray(index++, connection.createArrayOf("bytea", bodies));
            statement.setArray(index++, connection.createArrayOf("int4", sizes));
            statement.setArray(index++, texts(connection, units, IngestUnit::headersJson));
            statement.setArray(index++, texts(connection, units, IngestUnit::signaturesJson));
            statement.setArray(index++, texts(connection, units, unit -> unit.body() == null ? null
                    : PayloadJson.of(unit.body())));
            statement.setArray(index++, texts(connection, units, unit -> unit.verification().dbValue()));
            statement.setArray(index++, texts(connection, units, IngestUnit::verificationDetail));
            statement.setArray(index++, texts(connection, units, unit -> unit.receivedAt().toString()));
            statement.setArray(index++, connection.createArrayOf("int8", replayOf));
            statement.setArray(index++, texts(connection, units, unit -> ReplayMark.modeOf(unit.replay())));
            statement.setArray(index, texts(connection, units, unit -> {
                UUID run = ReplayMark.runOf(unit.replay());
                return run == null ? null : run.toString();
            }));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong("id");
                    ids[(int) rows.getLong("ord") - 1] = rows.getBoolean("stored") ? id : -id;
                }
            }
        }
    }

    record Settlement(long deliveryId, java.time.Instant receivedAt, Processing processing, String detail,
                      String jobId) {
    }

    static void settle(Connection connection, List<Settlement> settlements) throws SQLException {
        Long[] ids = new Long[settlements.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = settlements.get(i).deliveryId();
        }
        try (PreparedStatement statement = connection.prepareStatement(SETTLE)) {
            statement.setArray(1, connection.createArrayOf("int8", ids));
            statement.setArray(2, texts(connection, settlements, s -> s.receivedAt().toString()));
            statement.setArray(3, texts(connection, settlements, s -> s.processing().dbValue()));
            statement.setArray(4, texts(connection, settlements, Settlement::detail));
            statement.setArray(5, texts(connection, settlements, Settlement::jobId));
            statement.executeUpdate();
        }
    }

    private static <T> Array texts(Connection connection, List<T> items, Function<T, String> value)
            throws SQLException {
        String[] values = new String[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(items.get(i));
        }
        return connection.createArrayOf("text", values);
    }
}
