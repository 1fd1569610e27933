package org.callbackgateway.callbacks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The one statement of the signed callbacks' hot path, in plain JDBC on the transaction's connection: profiled
 * under load, Jdbi's per-statement set-up (configuration copies, binders, mapper look-ups) cost the gateway more CPU
 * than PostgreSQL spent on the insert itself (bench/RESULTS.md). Same SQL as {@link SignedDeliveryDao}'s.
 */
final class AcceptedDeliveryInsert {
    private static final String SQL = """
            INSERT INTO deliveries (source, delivery_key, event_type, content_type, body, body_size, headers,
                                    verification, verification_detail, processing, received_at)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), 'verified', ?, 'received', ?)
            ON CONFLICT (source, delivery_key) WHERE delivery_key IS NOT NULL AND verification <> 'rejected'
            DO NOTHING
            RETURNING id
            """;

    private AcceptedDeliveryInsert() {
    }

    /** Stores an accepted delivery unless one with the same key is already accepted; empty for a repeat. */
    static Optional<Long> unlessRepeat(Handle handle, String source, String deliveryKey, String eventType,
                                       String contentType, byte[] body, String headers, String detail,
                                       Instant receivedAt) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(SQL)) {
            statement.setString(1, source);
            setNullable(statement, 2, deliveryKey);
            setNullable(statement, 3, eventType);
            setNullable(statement, 4, contentType);
            statement.setBytes(5, body);
            statement.setInt(6, body.length);
            setNullable(statement, 7, headers);
            setNullable(statement, 8, detail);
            statement.setObject(9, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
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
