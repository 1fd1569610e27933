package org.callbackgateway.callbacks;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads one stored delivery for inspection; pages are searched by {@link DeliveryQueryService}.
 */
@RegisterConstructorMapper(DeliveryRow.class)
public interface DeliveryQueryDao {
    /** The columns of a {@link DeliveryRow}, for {@code deliveries} and the {@code :withBody} flag. */
    String COLUMNS = """
            id, source, delivery_key, event_type, content_type, body_size, headers::text AS headers,
            verification, verification_detail, processing, processing_detail, job_id, duplicate_of,
            replay_of, replay_mode, received_at, CASE WHEN :withBody THEN body END AS body
            """;

    @SqlQuery("SELECT " + COLUMNS + " FROM deliveries WHERE id = :id")
    Optional<DeliveryRow> find(@Bind("id") long id, @Bind("withBody") boolean withBody);
}
