package org.callbackgateway.auth.oidc;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The exchanged sign-ins (table {@code oidc_sign_ins}). */
interface SignInDao {

    /** Records a sign-in; 0 when it was recorded before (the ID token is being replayed). */
    @SqlUpdate("""
            INSERT INTO oidc_sign_ins (nonce_hash, expires_at) VALUES (:nonceHash, :expiresAt)
            ON CONFLICT (nonce_hash) DO NOTHING""")
    int record(@Bind("nonceHash") byte[] nonceHash, @Bind("expiresAt") Instant expiresAt);

    @SqlUpdate("DELETE FROM oidc_sign_ins WHERE expires_at < :now")
    int deleteExpired(@Bind("now") Instant now);
}
