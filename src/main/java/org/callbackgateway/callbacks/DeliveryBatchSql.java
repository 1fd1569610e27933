package org.callbackgateway.callbacks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * The deliveries' set-wise statements, each one round trip whatever the batch size, in plain JDBC (profiled, Jdbi's
 * per-statement set-up cost more CPU than the statements; bench/RESULTS.md).
 */
final class DeliveryBatchSql {
    /**
     * Takes each row's id from the sequence first (in arrival order), so that every unit learns its id, and whether
     * it was stored or found to repeat an accepted delivery's key (the same key twice in one batch included).
     */
    private static final String INSERT = """
            WITH u AS MATERIALIZED (
                SELECT nextval('deliveries_id_seq') AS id, u.*
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::int[], ?::text[], ?::text[],
                              ?::text[], ?::text[])
                       WITH ORDINALITY AS u(source, delivery_key, event_type, content_type, body, body_size, headers,
                                            verification, verification_detail, received_at, ord)
            ), stored AS (
                INSERT INTO deliveries (id, source, delivery_key, event_type, content_type, body, body_size, headers,
                                        verification, verification_detail, processing, received_at)
                SELECT id, source, delivery_key, event_type, content_type, body, body_size, CAST(headers AS jsonb),
                       verification, verification_detail, 'received', CAST(received_at AS timestamptz)
                  FROM u ORDER BY ord
                ON CONFLICT (source, delivery_key) WHERE delivery_key IS NOT NULL AND verification <> 'rejected'
                DO NOTHING
                RETURNING id
            )
            SELECT u.ord, u.id, stored.id IS NOT NULL AS stored FROM u LEFT JOIN stored USING (id)
            """;

    private static final String SETTLE = """
            UPDATE deliveries d
               SET processing = s.processing, processing_detail = s.detail, job_id = CAST(s.job_id AS uuid)
              FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS s(id, processing, detail, job_id)
             WHERE d.id = s.id
            """;

    private DeliveryBatchSql() {
    }

    /** Fills {@code ids} with each unit's delivery id, negated for a unit not stored because it repeats a key. */
    static void insert(Connection connection, List<IngestUnit> units, long[] ids) throws SQLException {
        byte[][] bodies = new byte[units.size()][];
        Integer[] sizes = new Integer[units.size()];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = units.get(i).body();
            sizes[i] = units.get(i).bodySize();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setArray(1, texts(connection, units, IngestUnit::source));
            statement.setArray(2, texts(connection, units, IngestUnit::deliveryKey));
            statement.setArray(3, texts(connection, units, IngestUnit::eventType));
            statement.setArray(4, texts(connection, units, IngestUnit::contentType));
            statement.setArray(5, connection.createArrayOf("bytea", bodies));
            statement.setArray(6, connection.createArrayOf("int4", sizes));
            statement.setArray(7, texts(connection, units, IngestUnit::headersJson));
            statement.setArray(8, texts(connection, units, unit -> unit.verification().dbValue()));
            statement.setArray(9, texts(connection, units, IngestUnit::verificationDetail));
            statement.setArray(10, texts(connection, units, unit -> unit.receivedAt().toString()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong("id");
                    ids[(int) rows.getLong("ord") - 1] = rows.getBoolean("stored") ? id : -id;
                }
            }
        }
    }

    record Settlement(long deliveryId, Processing processing, String detail, String jobId) {
    }

    static void settle(Connection connection, List<Settlement> settlements) throws SQLException {
        Long[] ids = new Long[settlements.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = settlements.get(i).deliveryId();
        }
        try (PreparedStatement statement = connection.prepareStatement(SETTLE)) {
            statement.setArray(1, connection.createArrayOf("int8", ids));
            statement.setArray(2, texts(connection, settlements, s -> s.processing().dbValue()));
            statement.setArray(3, texts(connection, settlements, Settlement::detail));
            statement.setArray(4, texts(connection, settlements, Settlement::jobId));
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
