package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Deliveries of signed sources: stored with their selected headers, de-duplicated by delivery key. The accepted
 * delivery itself is inserted with the others of its batch by {@link DeliveryBatch}.
 */
public interface SignedDeliveryDao {

    @SqlQuery("SELECT delivery_id FROM delivery_keys WHERE source = :source AND delivery_key = :deliveryKey")
    Optional<Long> accepted(@Bind("source") String source, @Bind("deliveryKey") String deliveryKey);

    /** Stores any other delivery: refused, unreadable, or a repeat (then without its key, see V3). */
    @SqlUpdate("""
            INSERT INTO deliveries (source, delivery_key, event_type, content_type, body, body_size, headers,
                                    signature_headers, payload, verification, verification_detail, processing,
                                    processing_detail, duplicate_of, received_at, replay_of, replay_mode, replay_run)
            VALUES (:source, :deliveryKey, :eventType, :contentType, :body, :bodySize, CAST(:headers AS jsonb),
                    CAST(:signatures AS jsonb), CAST(:payload AS jsonb), :verification, :verificationDetail,
                    :processing, :processingDetail, :duplicateOf, :receivedAt, :replayOf, :replayMode,
                    CAST(:replayRun AS uuid))
            """)
    @GetGeneratedKeys("id")
    long insertSettled(@Bind("source") String source, @Bind("deliveryKey") String deliveryKey,
                       @Bind("eventType") String eventType, @Bind("contentType") String contentType,
                       @Bind("body") byte[] body, @Bind("bodySize") int bodySize, @Bind("headers") String headers,
                       @Bind("signatures") String signatures, @Bind("payload") String payload,
                       @Bind("verification") String verification,
                       @Bind("verificationDetail") String verificationDetail,
                       @Bind("processing") String processing, @Bind("processingDetail") String processingDetail,
                       @Bind("duplicateOf") Long duplicateOf, @Bind("receivedAt") Instant receivedAt,
                       @Bind("replayOf") Long replayOf, @Bind("replayMode") String replayMode,
                       @Bind("replayRun") UUID replayRun);
}
