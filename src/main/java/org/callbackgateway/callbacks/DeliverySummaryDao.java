package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Counts deliveries by hour, source and outcome; one range scan of {@code deliveries_received_idx}.
 */
@RegisterConstructorMapper(DeliverySummaryDao.Count.class)
public interface DeliverySummaryDao {

    /** How many deliveries of one source and outcome arrived in one hour, and how many of them since {@code recent}. */
    record Count(Instant hour, String source, String verification, String processing, long total, long recent) {
    }

    @SqlQuery("""
            SELECT date_trunc('hour', received_at) AS hour, source, verification, processing,
                   count(*) AS total, count(*) FILTER (WHERE received_at >= :recent) AS recent
              FROM deliveries
             WHERE received_at >= :since AND received_at < :until
             GROUP BY 1, 2, 3, 4
            """)
    List<Count> counts(@Bind("since") Instant since, @Bind("until") Instant until, @Bind("recent") Instant recent);
}
