package org.callbackgateway.jobs;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Plain-JDBC helpers of the set-wise statements: text arrays for {@code unnest}, and the job row mapping. */
final class JobRows {
    private JobRows() {
    }

    static <T> Array texts(Connection connection, List<T> items, Function<T, Object> value) throws SQLException {
        String[] values = new String[items.size()];
        for (int i = 0; i < values.length; i++) {
            Object item = value.apply(items.get(i));
            values[i] = item == null ? null : item.toString();
        }
        return connection.createArrayOf("text", values);
    }

    static Job job(ResultSet row) throws SQLException {
        return new Job(row.getObject("id", UUID.class), row.getString("source"), row.getString("external_id"),
                row.getString("owner"), row.getString("name"), row.getString("app_id"),
                JobStatus.fromLabel(row.getString("status")).orElseThrow(), instant(row, "start_date"),
                instant(row, "end_date"), instant(row, "created_at"), instant(row, "updated_at"),
                row.getBoolean("email_on_finish"), row.getString("progress"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static void setTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(value, java.time.ZoneOffset.UTC));
    }

    /** Keeps the SQL state, by which an unreachable database is told apart (503). */
    static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " failed", e);
    }
}
