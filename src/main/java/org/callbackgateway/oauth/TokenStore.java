package org.callbackgateway.oauth;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.callbackgateway.crypto.SecretBox;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Users' tokens, encrypted with {@link SecretBox}: each token is bound to its kind, API and user as associated
 * data, so a ciphertext copied into another row does not decrypt.
 */
public final class TokenStore {
    private final Jdbi jdbi;
    private final Optional<SecretBox> box;

    /** {@code box} is empty only when no API is configured, and then nothing is ever stored. */
    public TokenStore(Jdbi jdbi, Optional<SecretBox> box) {
        this.jdbi = jdbi;
        this.box = box;
    }

    public Optional<TokenInfo> info(String apiName, String username) {
        return jdbi.withExtension(AccessTokenDao.class, dao -> dao.find(apiName, username)).map(TokenInfo::of);
    }

    /**
     * The decrypted tokens, read without a lock.
     *
     * @throws SecretBox.UnreadableSecretException when the row's key is no longer configured
     */
    public Optional<StoredToken> find(String apiName, String username) {
        return jdbi.withExtension(AccessTokenDao.class, dao -> dao.find(apiName, username)).map(this::open);
    }

    public void save(String apiName, String username, TokenGrant grant, Instant now) {
        jdbi.useHandle(handle -> write(handle, apiName, username, grant, now));
    }

    public boolean delete(String apiName, String username) {
        return jdbi.withExtension(AccessTokenDao.class, dao -> dao.delete(apiName, username));
    }

    /** Runs {@code work} in one transaction holding the row lock of (api, user), when the row exists. */
    public <R> R withLockedToken(String apiName, String username, Function<LockedToken, R> work) {
        return jdbi.inTransaction(handle -> work.apply(new LockedToken(handle, apiName, username)));
    }

    /** One user's row of one API, locked by the current transaction. */
    public final class LockedToken {
        private final Handle handle;
        private final String apiName;
        private final String username;
        private final Optional<TokenRow> row;

        private LockedToken(Handle handle, String apiName, String username) {
            this.handle = handle;
            this.apiName = apiName;
            this.username = username;
            this.row = handle.attach(AccessTokenDao.class).lock(apiName, username);
        }

        /**
         * The tokens as stored when the lock was taken.
         *
         * @throws SecretBox.UnreadableSecretException when the row's key is no longer configured
         */
        public Optional<StoredToken> current() {
            return row.map(TokenStore.this::open);
        }

        public StoredToken replace(TokenGrant grant, Instant now) {
            write(handle, apiName, username, grant, now);
            return new StoredToken(apiName, username, grant.accessToken(), grant.refreshToken(), grant.tokenType(),
                    grant.scope(), grant.expiresIn().map(now::plus));
        }

        public void delete() {
            handle.attach(AccessTokenDao.class).delete(apiName, username);
        }
    }

    private void write(Handle handle, String apiName, String username, TokenGrant grant, Instant now) {
        SecretBox secrets = box();
        SecretBox.Sealed access = secrets.seal(grant.accessToken(), SecretBox.context("access_token", apiName, username));
        Optional<SecretBox.Sealed> refresh = grant.refreshToken()
                .map(token -> secrets.seal(token, SecretBox.context("refresh_token", apiName, username)));
        // Both are sealed by the one active key, so the row's single key id names the key of both.
        handle.attach(AccessTokenDao.class).upsert(apiName, username, access.keyId(), access.ciphertext(),
                refresh.map(SecretBox.Sealed::ciphertext).orElse(null), grant.tokenType(), grant.scope().orElse(null),
                grant.expiresIn().map(now::plus).orElse(null), now);
    }

    private StoredToken open(TokenRow row) {
        SecretBox secrets = box();
        String access = secrets.open(new SecretBox.Sealed(row.keyId(), row.accessToken()),
                SecretBox.context("access_token", row.apiName(), row.username()));
        Optional<String> refresh = Optional.ofNullable(row.refreshToken())
                .map(ciphertext -> secrets.open(new SecretBox.Sealed(row.keyId(), ciphertext),
                        SecretBox.context("refresh_token", row.apiName(), row.username())));
        return new StoredToken(row.apiName(), row.username(), access, refresh, row.tokenType(),
                Optional.ofNullable(row.scope()), Optional.ofNullable(row.expiresAt()));
    }

    private SecretBox box() {
        return box.orElseThrow(() -> new IllegalStateException(
                "no encryption key: start-up requires one when OAuth APIs are configured"));
    }
}
