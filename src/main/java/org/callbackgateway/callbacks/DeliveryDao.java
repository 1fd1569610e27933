package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The delivery inbox table.
 */
@RegisterConstructorMapper(Delivery.class)
public interface DeliveryDao {

    @SqlUpdate("""
            INSERT INTO deliveries (source, delivery_key, event_type, content_type, body, body_size,
                                    verification, verification_detail, processing, received_at)
            VALUES (:source, :deliveryKey, :eventType, :contentType, :body, :bodySize,
                    :verification, :verificationDetail, :processing, :receivedAt)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("source") String source, @Bind("deliveryKey") String deliveryKey,
                @Bind("eventType") String eventType, @Bind("contentType") String contentType,
                @Bind("body") byte[] body, @Bind("bodySize") int bodySize,
                @Bind("verification") String verification, @Bind("verificationDetail") String verificationDetail,
                @Bind("processing") String processing, @Bind("receivedAt") Instant receivedAt);

    @SqlUpdate("""
            UPDATE deliveries SET processing = :processing, processing_detail = :detail, job_id = CAST(:jobId AS uuid)
             WHERE id = :id
            """)
    void settle(@Bind("id") long id, @Bind("processing") String processing, @Bind("detail") String detail,
                @Bind("jobId") UUID jobId);

    @SqlQuery("""
            SELECT id, source, delivery_key, event_type, content_type, body_size, verification,
                   verification_detail, processing, processing_detail, job_id, received_at
              FROM deliveries WHERE id = :id
            """)
    Optional<Delivery> find(@Bind("id") long id);

    @SqlQuery("SELECT body FROM deliveries WHERE id = :id")
    Optional<byte[]> body(@Bind("id") long id);

    @SqlQuery("SELECT content_type, body, headers::text AS headers FROM deliveries WHERE id = :id")
    @RegisterConstructorMapper(DeliveryContent.class)
    Optional<DeliveryContent> content(@Bind("id") long id);
}
