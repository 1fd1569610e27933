package org.callbackgateway.callbacks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The one statement of the signed callbacks' hot path, in plain JDBC on the transaction's connection: profiled
 * under load, Jdbi's per-statement set-up (configuration copies, binders, mapper look-ups) cost the gateway more CPU
 * than PostgreSQL spent on the insert itself (bench/RESULTS.md).
 *
 * <p>De-duplication: a delivery with a key first claims it in {@code delivery_keys} (which outlives partitions,
 * see V9), in the same statement; when the key is held already, nothing is inserted.
 */
final class AcceptedDeliveryInsert {
    private static final String COLUMNS = """
            INSERT INTO deliveries (id, source, delivery_key, event_type, content_type, body, body_size, headers,
                                    signature_headers, payload, verification, verification_detail, processing,
                                    received_at, replay_of, replay_mode, replay_run)
            """;
    private static final String VALUES = """
            ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), 'verified', ?, 'received',
            ?, ?, ?, CAST(? AS uuid)
            """;
    private static final String KEYED = """
            WITH claimed AS (
                INSERT INTO delivery_keys (source, delivery_key, delivery_id, received_at)
                VALUES (?, ?, nextval('deliveries_id_seq'), ?)
                ON CONFLICT (source, delivery_key) DO NOTHING
                RETURNING delivery_id)
            """ + COLUMNS + "SELECT delivery_id, " + VALUES + " FROM claimed RETURNING id";
    private static final String UNKEYED = COLUMNS + "VALUES (nextval('deliveries_id_seq'), " + VALUES + ") RETURNING id";

    private AcceptedDeliveryInsert() {
    }

    /** Stores an accepted delivery unless one with the same key is already accepted; empty for a repeat. */
    static Optional<Long> unlessRepeat(Handle handle, DeliveryRecord record, String deliveryKey, byte[] body,
                                       String detail) {
        OffsetDateTime receivedAt = OffsetDateTime.ofInstant(record.receivedAt(), ZoneOffset.UTC);
        try (PreparedStatement statement = handle.getConnection().prepareStatement(deliveryKey == null ? UNKEYED : KEYED)) {
            int index = 1;
            if (deliveryKey != null) {
                statement.setString(index++, record.source());
                statement.setString(index++, deliveryKey);
                statement.setObject(index++, receivedAt);
            }
            statement.setString(index++, record.source());
            setNullable(statement, index++, deliveryKey);
            setNullable(statement, index++, record.eventType());
            setNullable(statement, index++, record.contentType());
            statement.setBytes(index++, body);
            statement.setInt(index++, body.length);
            setNullable(statement, index++, record.headersJson());
            setNullable(statement, index++, record.signaturesJson());
            setNullable(statement, index++, PayloadJson.of(body));
            setNullable(statement, index++, detail);
            statement.setObject(index++, receivedAt);
            Long replayOf = ReplayMark.originalOf(record.replay());
            if (replayOf == null) {
                statement.setNull(index++, Types.BIGINT);
            } else {
                statement.setLong(index++, replayOf);
            }
            setNullable(statement, index++, ReplayMark.modeOf(record.replay()));
            UUID run = ReplayMark.runOf(record.replay());
            setNullable(statement, index, run == null ? null : run.toString());
            try (ResultSet inserted = statement.executeQuery()) {
                return inserted.next() ? Optional.of(inserted.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            // The cause keeps the SQL state, by which an unreachable database is told apart (503).
            throw new IllegalStateException("storing the delivery failed", e);
        }
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
