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
            INSERT INTO deliveries (source, delivery_key, event_type, content_type, body, body_size, payload,
                                    verification, verification_detail, processing, received_at,
                                    replay_of, replay_mode, replay_run)
            VALUES (:source, :deliveryKey, :eventType, :contentType, :body, :bodySize, CAST(:payload AS jsonb),
                    :verification, :verificationDetail, :processing, :receivedAt,
                    :replayOf, :replayMode, CAST(:replayRun AS uuid))
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("source") String source, @Bind("deliveryKey") String deliveryKey,
                @Bind("eventType") String eventType, @Bind("contentType") String contentType,
                @Bind("body") byte[] body, @Bind("bodySize") int bodySize, @Bind("payload") String payload,
                @Bind("verification") String verification, @Bind("verificationDetail") String verificationDetail,
                @Bind("processing") String processing, @Bind("receivedAt") Instant receivedAt,
                @Bind("replayOf") Long replayOf, @Bind("replayMode") String replayMode,
                @Bind("replayRun") UUID replayRun);

    /** Holds an accepted delivery's key (V9's delivery_keys); a key already held is a unique violation. */
    @SqlUpdate("""
            INSERT INTO delivery_keys (source, delivery_key, delivery_id, received_at)
            VALUES (:source, :deliveryKey, :id, :receivedAt)
            """)
    void holdKey(@Bind("source") String source, @Bind("deliveryKey") String deliveryKey, @Bind("id") long id,
                 @Bind("receivedAt") Instant receivedAt);

    @SqlUpdate("""
            UPDATE deliveries SET processing = :processing, processing_detail = :detail, job_id = CAST(:jobId AS uuid)
             WHERE id = :id
            """)
    void settle(@Bind("id") long id, @Bind("processing") String processing, @Bind("detail") String detail,
                @Bind("jobId") UUID jobId);

    /** As {@link #settle}, naming the partition too (by the received time), so that no other is searched. */
    @SqlUpdate("""
            UPDATE deliveries SET processing = :processing, processing_detail = :detail, job_id = CAST(:jobId AS uuid)
             WHERE id = :id AND received_at = :receivedAt
            """)
    void settleAt(@Bind("id") long id, @Bind("receivedAt") Instant receivedAt, @Bind("processing") String processing,
                  @Bind("detail") String detail, @Bind("jobId") UUID jobId);

    @SqlQuery("""
            SELECT id, source, delivery_key, event_type, content_type, body_size, verification,
                   verification_detail, processing, processing_detail, job_id, received_at
              FROM deliveries WHERE id = :id
            """)
    Optional<Delivery> find(@Bind("id") long id);

    @SqlQuery("""
            SELECT id, source, content_type, headers::text AS headers, signature_headers::text AS signature_headers,
                   body, verification, verification_detail, received_at
              FROM deliveries WHERE id = :id
            """)
    @RegisterConstructorMapper(StoredDelivery.class)
    Optional<StoredDelivery> stored(@Bind("id") long id);

    /** The replay a bulk run made of a delivery, if it made one. */
    @SqlQuery("""
            SELECT id, verification, processing FROM deliveries
             WHERE replay_of = :original AND replay_run = :run
             ORDER BY id LIMIT 1
            """)
    @RegisterConstructorMapper(DeliveryInbox.EarlierReplay.class)
    Optional<DeliveryInbox.EarlierReplay> earlierReplay(@Bind("original") long original, @Bind("run") UUID run);

    @SqlQuery("SELECT body FROM deliveries WHERE id = :id")
    Optional<byte[]> body(@Bind("id") long id);

    @SqlQuery("SELECT content_type, body, headers::text AS headers FROM deliveries"
            + " WHERE id = :id AND received_at = :receivedAt")
    @RegisterConstructorMapper(DeliveryContent.class)
    Optional<DeliveryContent> content(@Bind("id") long id, @Bind("receivedAt") Instant receivedAt);
}
