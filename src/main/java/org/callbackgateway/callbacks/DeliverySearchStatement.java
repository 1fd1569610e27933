package org.callbackgateway.callbacks;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/** One SQL statement of a search and its bindings. */
record DeliverySearchStatement(String sql, Map<String, Object> bindings) {
    /**
     * Each run is planned for its own values, never from a cached generic plan: planned without the values, a
     * search does not know which partitions its time range keeps, how many rows that range holds (guessed at
     * 0.5%, it adds a bitmap of the received-time index over the whole of each day, 100 ms a day at 333,000
     * rows) or what its payload condition matches. Searches are rare; their planning is a millisecond or two.
     */
    private static final StatementCustomizer PLANNED_FOR_ITS_VALUES = new StatementCustomizer() {
        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    };

    Query query(Handle handle) {
        return handle.createQuery(sql).bindMap(bindings).addCustomizer(PLANNED_FOR_ITS_VALUES);
    }
}
