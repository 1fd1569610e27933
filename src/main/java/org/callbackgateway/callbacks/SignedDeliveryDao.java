package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Deliveries of signed sources: stored with their selected headers, de-duplicated by delivery key. The accepted
 * delivery itself is inserted with the others of its batch by {@link DeliveryBatch}.
 */
public interface SignedDeliveryDao {

    @SqlQuery("""
            SELECT id FROM deliveries
             WHERE source = :source AND delivery_key = :deliveryKey AND verification <> 'rejected'
            """)
    Optional<Long> accepted(@Bind("source") String source, @Bind("deliveryKey") String deliveryKey);

    /** Stores any other delivery: refused, unreadable, or a repeat (then without its key, see V3). */
    @SqlUpdate("""
            INSERT INTO deliveries (source, delivery_key, event_type, content_type, body, body_size, headers,
                                    verification, verification_detail, processing, processing_detail,
                                    duplicate_of, received_at)
            VALUES (:source, :deliveryKey, :eventType, :contentType, :body, :bodySize, CAST(:headers AS jsonb),
                    :verification, :verificationDetail, :processing, :processingDetail, :duplicateOf, :receivedAt)
            """)
    @GetGeneratedKeys("id")
    long insertSettled(@Bind("source") String source, @Bind("deliveryKey") String deliveryKey,
                       @Bind("eventType") String eventType, @Bind("contentType") String contentType,
                       @Bind("body") byte[] body, @Bind("bodySize") int bodySize, @Bind("headers") String headers,
                       @Bind("verification") String verification,
                       @Bind("verificationDetail") String verificationDetail,
                       @Bind("processing") String processing, @Bind("processingDetail") String processingDetail,
                       @Bind("duplicateOf") Long duplicateOf, @Bind("receivedAt") Instant receivedAt);
}
