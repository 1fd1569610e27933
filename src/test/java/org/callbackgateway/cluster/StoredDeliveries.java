package org.callbackgateway.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbackgateway.cluster.CallbackLoad.Kind;
import org.callbackgateway.cluster.CallbackLoad.Outcome;

/**
 * What the database holds of a {@link CallbackLoad}'s deliveries, read straight from PostgreSQL (not through
 * the pooler): how many rows carry each key.
 */
public final class StoredDeliveries {
    private final Map<Kind, Map<String, Integer>> rows;

    private StoredDeliveries(Map<Kind, Map<String, Integer>> rows) {
        this.rows = rows;
    }

    public static StoredDeliveries read(String jdbcUrl) {
        Map<Kind, Map<String, Integer>> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            rows.put(Kind.UNSIGNED, counts(statement, """
                    SELECT convert_from(body, 'UTF8')::jsonb #>> '{payload,key}', count(*) FROM deliveries
                     WHERE source = 'notification' GROUP BY 1"""));
            // Every row of the signed source, duplicates included: a key sent once must have one row.
            rows.put(Kind.SIGNED, counts(statement, """
                    SELECT coalesce(delivery_key, headers ->> 'webhook-id'), count(*) FROM deliveries
                     WHERE source = '%s' GROUP BY 1""".formatted(CallbackLoad.SOURCE)));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the stored deliveries", e);
        }
        return new StoredDeliveries(rows);
    }

    private static Map<String, Integer> counts(Statement statement, String sql) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                counts.put(result.getString(1), result.getInt(2));
            }
        }
        return counts;
    }

    public int count(Outcome outcome) {
        return rows.get(outcome.kind()).getOrDefault(outcome.key(), 0);
    }

    /**
     * The outcomes that break the promise: an acknowledged delivery not stored exactly once, or any delivery
     * stored more than once.
     */
    public List<String> violations(List<Outcome> outcomes) {
        List<String> violations = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            int stored = count(outcome);
            if (outcome.acknowledged() ? stored != 1 : stored > 1) {
                violations.add(outcome.kind() + " " + outcome.key() + " answered " + outcome.status()
                        + " is stored " + stored + " times");
            }
        }
        return violations;
    }
}
