package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads stored deliveries, newest first, for inspection.
 */
@RegisterConstructorMapper(DeliveryRow.class)
public interface DeliveryQueryDao {

    @SqlQuery("""
            SELECT id, source, delivery_key, event_type, content_type, body_size, headers::text AS headers,
                   verification, verification_detail, processing, processing_detail, job_id, duplicate_of,
                   received_at, CASE WHEN :withBody THEN body END AS body
              FROM deliveries
             WHERE (CAST(:source AS text) IS NULL OR source = :source)
               AND (CAST(:verification AS text) IS NULL OR verification = :verification)
               AND (CAST(:processing AS text) IS NULL OR processing = :processing)
               AND (CAST(:since AS timestamptz) IS NULL OR received_at >= :since)
               AND (CAST(:eventType AS text) IS NULL OR event_type = :eventType)
               AND (CAST(:before AS bigint) IS NULL OR id < :before)
             ORDER BY id DESC
             LIMIT :limit
            """)
    List<DeliveryRow> page(@Bind("source") String source, @Bind("verification") String verification,
                           @Bind("processing") String processing, @Bind("since") Instant since,
                           @Bind("before") Long before, @Bind("limit") int limit, @Bind("withBody") boolean withBody,
                           @Bind("eventType") String eventType);

    @SqlQuery("""
            SELECT id, source, delivery_key, event_type, content_type, body_size, headers::text AS headers,
                   verification, verification_detail, processing, processing_detail, job_id, duplicate_of,
                   received_at, CASE WHEN :withBody THEN body END AS body
              FROM deliveries WHERE id = :id
            """)
    Optional<DeliveryRow> find(@Bind("id") long id, @Bind("withBody") boolean withBody);
}
