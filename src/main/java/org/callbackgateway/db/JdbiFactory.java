package org.callbackgateway.db;

import javax.sql.DataSource;
import java.util.List;
import java.util.Locale;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.StatusUpdate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Builds the one {@link Jdbi} the application shares, with the column mappers every feature uses.
 */
public final class JdbiFactory {
    private JdbiFactory() {
    }

    public static Jdbi create(DataSource dataSource) {
        // No PostgresPlugin: it unwraps every connection to PGConnection, which container pools
        // (Tomcat's DBCP by default) refuse.
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        jdbi.registerColumnMapper(JobStatus.class, (rs, column, ctx) -> {
            String label = rs.getString(column);
            return label == null ? null : JobStatus.fromLabel(label).orElseThrow(
                    () -> new IllegalStateException("unknown job status in database: " + label));
        });
        jdbi.registerColumnMapper(StatusUpdate.Outcome.class, (rs, column, ctx) -> {
            String value = rs.getString(column);
            return value == null ? null : StatusUpdate.Outcome.valueOf(value.toUpperCase(Locale.ROOT));
        });
        return jdbi;
    }

    /**
     * Works out each SQL object's metadata once, on the shared configuration. Every handle starts from a copy of
     * that configuration, and metadata first worked out inside a handle stays in its copy (jdbi/jdbi#2991), so
     * without this each {@code handle.attach} pays for it again: half the CPU of a callback, as profiled.
     */
    public static void precomputeSqlObjects(Jdbi jdbi, List<Class<?>> sqlObjects) {
        sqlObjects.forEach(jdbi::onDemand);
    }
}
