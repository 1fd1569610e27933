package org.callbackgateway.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * JDBC arrays of one column of a set of rows, for the set-wise statements ({@code INSERT ... SELECT FROM
 * unnest(?, ?, ...)}) that write a whole batch in one round trip.
 */
public final class SqlArrays {
    private SqlArrays() {
    }

    /**
     * The values {@code column} takes from each item, as an array of the PostgreSQL type {@code type}
     * ({@code "text"}, {@code "int8"}, {@code "uuid"}, ...); nulls stay nulls.
     */
    public static <T> Array of(Connection connection, String type, List<T> items, Function<T, ?> column)
            throws SQLException {
        Object[] values = new Object[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(items.get(i));
        }
        return connection.createArrayOf(type, values);
    }
}
