package org.callbackgateway.forwarding;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Subscriptions and their signing secrets.
 */
@RegisterConstructorMapper(SubscriptionRow.class)
@RegisterConstructorMapper(SubscriptionDao.SecretRow.class)
public interface SubscriptionDao {

    /** A signing secret, still encrypted. */
    record SecretRow(UUID id, UUID subscriptionId, byte[] ciphertext, String encryptionKeyId, Instant notAfter,
                     Instant createdAt) {
    }

    @SqlUpdate("""
            INSERT INTO subscriptions (id, kind, description, url, enabled, sources, event_types, job_owner, job_id,
                                       headers_ciphertext, headers_key_id, header_names, timeout_ms, created_by,
                                       created_at, updated_at)
            VALUES (:id, :kind, :description, :url, :enabled, :sources, :eventTypes, :jobOwner, CAST(:jobId AS uuid),
                    CAST(:headersCiphertext AS bytea), :headersKeyId, :headerNames, :timeoutMs, :createdBy, :createdAt, :updatedAt)
            """)
    void insert(@BindMethods SubscriptionRow row);

    @SqlUpdate("""
            UPDATE subscriptions
               SET description = :description, url = :url, enabled = :enabled, sources = :sources,
                   event_types = :eventTypes, job_owner = :jobOwner, job_id = CAST(:jobId AS uuid),
                   headers_ciphertext = CAST(:headersCiphertext AS bytea), headers_key_id = :headersKeyId,
                   header_names = :headerNames, timeout_ms = :timeoutMs, disabled_reason = :disabledReason,
                   consecutive_failures = :consecutiveFailures, circuit_open_until = CAST(:circuitOpenUntil AS timestamptz),
                   updated_at = :updatedAt
             WHERE id = :id
            """)
    int update(@BindMethods SubscriptionRow row);

    @SqlQuery("SELECT * FROM subscriptions WHERE id = :id")
    Optional<SubscriptionRow> find(@Bind("id") UUID id);

    @SqlQuery("SELECT * FROM subscriptions WHERE id = :id FOR UPDATE")
    Optional<SubscriptionRow> lock(@Bind("id") UUID id);

    @SqlQuery("SELECT * FROM subscriptions ORDER BY created_at, id")
    List<SubscriptionRow> list();

    /** What forwarding works with: switched on and with somewhere to send. */
    @SqlQuery("SELECT * FROM subscriptions WHERE enabled AND url IS NOT NULL ORDER BY id")
    List<SubscriptionRow> forwarding();

    @SqlUpdate("DELETE FROM subscriptions WHERE id = :id")
    int delete(@Bind("id") UUID id);

    /** Points the notification agent's subscription at the configured URL, or switches it off. */
    @SqlUpdate("""
            UPDATE subscriptions SET url = :url, enabled = :enabled, updated_at = :now
             WHERE id = :id AND (url IS DISTINCT FROM :url OR enabled <> :enabled)
            """)
    int configureAgent(@Bind("id") UUID id, @Bind("url") String url, @Bind("enabled") boolean enabled,
                       @Bind("now") Instant now);

    @SqlUpdate("UPDATE subscriptions SET updated_at = :now WHERE id = :id")
    void touch(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO subscription_secrets (id, subscription_id, ciphertext, encryption_key_id, not_after, created_at)
            VALUES (:id, :subscriptionId, :ciphertext, :encryptionKeyId, CAST(:notAfter AS timestamptz), :createdAt)
            """)
    void insertSecret(@BindMethods SecretRow secret);

    @SqlQuery("SELECT * FROM subscription_secrets WHERE subscription_id = :id ORDER BY created_at, id")
    List<SecretRow> secrets(@Bind("id") UUID subscriptionId);

    @SqlUpdate("UPDATE subscription_secrets SET not_after = CAST(:notAfter AS timestamptz) WHERE subscription_id = :subscription AND id = :id")
    int setNotAfter(@Bind("subscription") UUID subscriptionId, @Bind("id") UUID id, @Bind("notAfter") Instant notAfter);

    @SqlUpdate("DELETE FROM subscription_secrets WHERE subscription_id = :subscription AND id = :id")
    int deleteSecret(@Bind("subscription") UUID subscriptionId, @Bind("id") UUID id);
}
