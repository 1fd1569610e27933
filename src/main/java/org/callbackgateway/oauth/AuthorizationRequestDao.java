package org.callbackgateway.oauth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Rows of {@code authorization_requests}.
 */
@RedactedStatements
@RegisterConstructorMapper(AuthorizationRequest.class)
public interface AuthorizationRequestDao {

    @SqlUpdate("""
            INSERT INTO authorization_requests
                (id, username, api_name, state_info, code_verifier, created_at, expires_at)
            VALUES (:id, :username, :apiName, :stateInfo, :codeVerifier, :createdAt, :expiresAt)
            """)
    void insert(@Bind("id") UUID id, @Bind("username") String username, @Bind("apiName") String apiName,
                @Bind("stateInfo") String stateInfo, @Bind("codeVerifier") String codeVerifier,
                @Bind("createdAt") Instant createdAt, @Bind("expiresAt") Instant expiresAt);

    /**
     * Marks a pending, unexpired request used and returns it, in one statement: of two concurrent attempts only
     * one gets the row. A null {@code username} accepts any owner (the browser callback learns the user here).
     */
    @SqlQuery("""
            UPDATE authorization_requests
               SET used_at = :now
             WHERE id = :id
               AND api_name = :apiName
               AND (CAST(:username AS text) IS NULL OR username = :username)
               AND used_at IS NULL
               AND expires_at > :now
            RETURNING *
            """)
    Optional<AuthorizationRequest> consume(@Bind("id") UUID id, @Bind("apiName") String apiName,
                                           @Bind("username") String username, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM authorization_requests WHERE id = :id")
    Optional<AuthorizationRequest> find(@Bind("id") UUID id);

    @SqlUpdate("DELETE FROM authorization_requests WHERE expires_at < :now")
    int deleteExpired(@Bind("now") Instant now);
}
