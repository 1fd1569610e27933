package org.callbackgateway.oauth;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Rows of {@code access_tokens}, one per API and user.
 */
@RedactedStatements
@RegisterConstructorMapper(TokenRow.class)
public interface AccessTokenDao {

    @SqlQuery("SELECT * FROM access_tokens WHERE api_name = :apiName AND username = :username")
    Optional<TokenRow> find(@Bind("apiName") String apiName, @Bind("username") String username);

    /** The row, locked until the transaction ends: one refresh at a time per API and user. */
    @SqlQuery("SELECT * FROM access_tokens WHERE api_name = :apiName AND username = :username FOR UPDATE")
    Optional<TokenRow> lock(@Bind("apiName") String apiName, @Bind("username") String username);

    @SqlUpdate("""
            INSERT INTO access_tokens (api_name, username, key_id, access_token, refresh_token, token_type, scope,
                                       expires_at, created_at, updated_at)
            VALUES (:apiName, :username, :keyId, :accessToken, :refreshToken, :tokenType, :scope,
                    :expiresAt, :now, :now)
            ON CONFLICT (api_name, username) DO UPDATE
               SET key_id = EXCLUDED.key_id,
                   access_token = EXCLUDED.access_token,
                   refresh_token = EXCLUDED.refresh_token,
                   token_type = EXCLUDED.token_type,
                   scope = EXCLUDED.scope,
                   expires_at = EXCLUDED.expires_at,
                   updated_at = EXCLUDED.updated_at
            """)
    void upsert(@Bind("apiName") String apiName, @Bind("username") String username, @Bind("keyId") String keyId,
                @Bind("accessToken") byte[] accessToken, @Bind("refreshToken") byte[] refreshToken,
                @Bind("tokenType") String tokenType, @Bind("scope") String scope,
                @Bind("expiresAt") Instant expiresAt, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM access_tokens WHERE api_name = :apiName AND username = :username")
    boolean delete(@Bind("apiName") String apiName, @Bind("username") String username);
}
