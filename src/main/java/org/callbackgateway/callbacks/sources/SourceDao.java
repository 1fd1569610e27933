package org.callbackgateway.callbacks.sources;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Sources and their secrets.
 */
@RegisterConstructorMapper(Source.class)
@RegisterConstructorMapper(SourceSecret.class)
@RegisterConstructorMapper(SourceDao.KeyCount.class)
public interface SourceDao {

    /** How many keys a source has, and how many of them are active. */
    record KeyCount(String source, int total, int active) {
    }

    @SqlUpdate("""
            INSERT INTO sources (name, type, max_body_bytes, tolerance_seconds, allow_sha1, keys_url, created_by,
                                 created_at, updated_at)
            VALUES (:name, :type, :maxBodyBytes, :toleranceSeconds, :allowSha1, :keysUrl, :createdBy, :now, :now)
            ON CONFLICT (name) DO NOTHING
            """)
    int insert(@Bind("name") String name, @Bind("type") String type, @Bind("maxBodyBytes") Integer maxBodyBytes,
               @Bind("toleranceSeconds") Integer toleranceSeconds, @Bind("allowSha1") boolean allowSha1,
               @Bind("keysUrl") String keysUrl, @Bind("createdBy") String createdBy, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM sources WHERE name = :name")
    Optional<Source> find(@Bind("name") String name);

    @SqlQuery("SELECT * FROM sources ORDER BY name")
    List<Source> list();

    @SqlQuery("""
            SELECT source, count(*) AS total,
                   count(*) FILTER (WHERE not_after IS NULL OR not_after > :now) AS active
              FROM source_secrets GROUP BY source
            """)
    List<KeyCount> keyCounts(@Bind("now") Instant now);

    @SqlUpdate("DELETE FROM sources WHERE name = :name")
    int delete(@Bind("name") String name);

    @SqlUpdate("UPDATE sources SET updated_at = :now WHERE name = :name")
    void touch(@Bind("name") String name, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO source_secrets (id, source, scope, kind, ciphertext, encryption_key_id, public_key, label,
                                        not_after, created_by, created_at)
            VALUES (:id, :source, :scope, :kind, :ciphertext, :encryptionKeyId, :publicKey, :label,
                    :notAfter, :createdBy, :now)
            """)
    void insertSecret(@Bind("id") UUID id, @Bind("source") String source, @Bind("scope") String scope,
                      @Bind("kind") String kind, @Bind("ciphertext") byte[] ciphertext,
                      @Bind("encryptionKeyId") String encryptionKeyId, @Bind("publicKey") String publicKey,
                      @Bind("label") String label, @Bind("notAfter") Instant notAfter,
                      @Bind("createdBy") String createdBy, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM source_secrets WHERE source = :source ORDER BY created_at, id")
    List<SourceSecret> secrets(@Bind("source") String source);

    @SqlQuery("SELECT * FROM source_secrets WHERE source = :source AND id = :id")
    Optional<SourceSecret> findSecret(@Bind("source") String source, @Bind("id") UUID id);

    @SqlUpdate("UPDATE source_secrets SET not_after = :notAfter WHERE source = :source AND id = :id")
    int setNotAfter(@Bind("source") String source, @Bind("id") UUID id, @Bind("notAfter") Instant notAfter);

    @SqlUpdate("DELETE FROM source_secrets WHERE source = :source AND id = :id")
    int deleteSecret(@Bind("source") String source, @Bind("id") UUID id);
}
