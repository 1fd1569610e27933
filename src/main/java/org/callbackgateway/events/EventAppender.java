package org.callbackgateway.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.callbackgateway.callbacks.AcceptedDelivery;
import org.callbackgateway.db.SqlArrays;
import org.jdbi.v3.core.Handle;

/**
 * The insert of an append, in plain JDBC on the caller's transaction (it is on every callback's hot path, where
 * Jdbi's per-statement set-up costs more than the insert). The row has no position yet: {@link EventSequencer}
 * gives it one after it commits. A statement trigger notifies the sequencers at commit.
 */
final class EventAppender {
    private static final String ONE = """
            INSERT INTO events (type, source, delivery_id, job_id, job_owner, occurred_at, data)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            """;
    // One statement for a whole set: one trigger run, one plan, one round trip.
    private static final String MANY = """
            INSERT INTO events (type, source, delivery_id, job_id, job_owner, occurred_at, data)
            SELECT type, source, delivery_id, job_id, job_owner, occurred_at, data
              FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS uuid[]),
                          CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS jsonb[]))
                   AS appended (type, source, delivery_id, job_id, job_owner, occurred_at, data)
            """;

    // The delivery.received event of stored deliveries, made from the values they were stored with (the caller's):
    // no read of deliveries. The jsonb is built here as it was from the rows, so that its text is the same (the
    // received time, for one, is PostgreSQL's rendering of a timestamptz). The owner is a correlated lookup,
    // always by the jobs' primary key: as a join, the planner (which guesses 100 rows for an unnest) chose to scan
    // all the jobs.
    private static final String DELIVERIES_RECEIVED = """
            INSERT INTO events (type, source, delivery_id, job_id, job_owner, occurred_at, data)
            SELECT 'delivery.received', d.source, d.id, d.job_id,
                   (SELECT j.owner FROM jobs j WHERE j.id = d.job_id), d.received_at,
                   jsonb_build_object('delivery_id', d.id, 'source', d.source, 'event_type', d.event_type,
                                      'delivery_key', d.delivery_key, 'content_type', d.content_type,
                                      'received_at', d.received_at, 'job_id', d.job_id, 'processing', d.processing)
              FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                          CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS uuid[]), CAST(? AS text[]))
                   AS d (id, source, event_type, delivery_key, content_type, received_at, job_id, processing)
             ORDER BY d.id
            """;

    private EventAppender() {
    }

    static void append(Handle handle, NewEvent event) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(ONE)) {
            statement.setString(1, event.type());
            setNullable(statement, 2, Types.VARCHAR, event.source());
            setNullable(statement, 3, Types.BIGINT, event.deliveryId());
            setNullable(statement, 4, Types.OTHER, event.jobId());
            setNullable(statement, 5, Types.VARCHAR, event.jobOwner());
            statement.setObject(6, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
            statement.setString(7, event.data());
            statement.executeUpdate();
        } catch (SQLException e) {
            // The cause keeps the SQL state, by which an unreachable database is told apart (503).
            throw new IllegalStateException("appending the event failed", e);
        }
    }

    static void appendAll(Handle handle, List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (events.size() == 1) {
            append(handle, events.get(0));
            return;
        }
        Connection connection = handle.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(MANY)) {
            statement.setArray(1, SqlArrays.of(connection, "text", events, NewEvent::type));
            statement.setArray(2, SqlArrays.of(connection, "text", events, NewEvent::source));
            statement.setArray(3, SqlArrays.of(connection, "int8", events, NewEvent::deliveryId));
            statement.setArray(4, SqlArrays.of(connection, "uuid", events, NewEvent::jobId));
            statement.setArray(5, SqlArrays.of(connection, "text", events, NewEvent::jobOwner));
            statement.setArray(6, SqlArrays.of(connection, "text", events, event -> event.occurredAt().toString()));
            statement.setArray(7, SqlArrays.of(connection, "text", events, NewEvent::data));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("appending the events failed", e);
        }
    }

    static void deliveriesReceived(Handle handle, List<AcceptedDelivery> accepted) {
        if (accepted.isEmpty()) {
            return;
        }
        Connection connection = handle.getConnection();
        try (PreparedStatement statement = connection.prepareStatement(DELIVERIES_RECEIVED)) {
            statement.setArray(1, SqlArrays.of(connection, "int8", accepted, AcceptedDelivery::id));
            statement.setArray(2, SqlArrays.of(connection, "text", accepted, AcceptedDelivery::source));
            statement.setArray(3, SqlArrays.of(connection, "text", accepted, AcceptedDelivery::eventType));
            statement.setArray(4, SqlArrays.of(connection, "text", accepted, AcceptedDelivery::deliveryKey));
            statement.setArray(5, SqlArrays.of(connection, "text", accepted, AcceptedDelivery::contentType));
            // As text, as the deliveries' batch writes it: PostgreSQL rounds it to the row's microsecond.
            statement.setArray(6, SqlArrays.of(connection, "text", accepted,
                    delivery -> delivery.receivedAt().toString()));
            statement.setArray(7, SqlArrays.of(connection, "uuid", accepted, AcceptedDelivery::jobId));
            statement.setArray(8, SqlArrays.of(connection, "text", accepted,
                    delivery -> delivery.processing().dbValue()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("appending the delivery events failed", e);
        }
    }


    private static void setNullable(PreparedStatement statement, int index, int sqlType, Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else {
            statement.setObject(index, value);
        }
    }
}
