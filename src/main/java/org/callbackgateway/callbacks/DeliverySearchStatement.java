package org.callbackgateway.callbacks;

import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** One SQL statement of a search and its bindings. */
record DeliverySearchStatement(String sql, Map<String, Object> bindings) {

    Query query(Handle handle) {
        return handle.createQuery(sql).bindMap(bindings);
    }
}
