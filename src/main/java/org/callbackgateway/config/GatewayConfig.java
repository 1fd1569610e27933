package org.callbackgateway.config;

import java.net.URI;
import java.util.Optional;

/**
 * The gateway's settings, read and validated once at start-up.
 *
 * @param database where the data lives
 * @param auth how bearer tokens are issued and checked
 * @param encryption the keys that encrypt secrets at rest
 * @param hpc the HPC job APIs and the retries of their lookups
 * @param signedCallbacks settings of the signed source callbacks
 * @param publicBaseUrl the gateway's address as upstream systems reach it, for the callback URLs it hands out
 * @param maxBodyBytes the largest callback body accepted; larger ones are answered 413
 * @param retryAfterSeconds the {@code Retry-After} hint sent with 503 answers
 * @param oauth the OAuth APIs users authorize the gateway for
 * @param forwarding the event log's sequencer and the forwarding of events to subscriptions
 * @param retention how long stored deliveries are kept
 * @param protection per-source rate limits and address allow-lists of the callbacks
 * @param stream the live event stream
 */
public record GatewayConfig(
        DatabaseConfig database,
        AuthConfig auth,
        Optional<EncryptionConfig> encryption,
        HpcConfig hpc,
        SignedCallbackConfig signedCallbacks,
        Optional<URI> publicBaseUrl,
        int maxBodyBytes,
        int retryAfterSeconds,
        OAuthConfig oauth,
        ForwardingConfig forwarding,
        RetentionConfig retention,
        ProtectionConfig protection,
        StreamConfig stream) {

    public static final String MAX_BODY_BYTES = "GATEWAY_MAX_BODY_BYTES";
    public static final String RETRY_AFTER_SECONDS = "GATEWAY_RETRY_AFTER_SECONDS";
    public static final String PUBLIC_BASE_URL = "GATEWAY_PUBLIC_BASE_URL";

    /** Reads every setting from {@code source}; throws {@link ConfigException} naming the first bad one. */
    public static GatewayConfig load(ConfigSource source) {
        Settings settings = new Settings(source);
        Optional<EncryptionConfig> encryption = EncryptionConfig.load(settings);
        return new GatewayConfig(
                DatabaseConfig.load(settings),
                AuthConfig.load(settings),
                encryption,
                HpcConfig.load(settings),
                SignedCallbackConfig.load(settings),
                settings.httpUrl(PUBLIC_BASE_URL),
                settings.integer(MAX_BODY_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024),
                settings.integer(RETRY_AFTER_SECONDS, 5, 1, 3600),
                OAuthConfig.load(settings, encryption),
                ForwardingConfig.load(settings),
                RetentionConfig.load(settings),
                ProtectionConfig.load(settings),
                StreamConfig.load(settings));
    }

    /**
     * How to reach PostgreSQL: a JNDI {@code DataSource} when the container provides one, else a JDBC URL.
     *
     * @param jndiName looked up under {@code java:comp/env/}
     * @param url the JDBC URL for the built-in connection pool
     * @param user database user, when not in the URL
     * @param password database password, when not in the URL
     * @param poolSize the built-in pool's maximum size
     * @param connectTimeoutMillis how long a request waits for a connection before it is answered 503
     * @param migrate whether Flyway migrates the schema at start-up
     * @param listen the direct connection for {@code LISTEN}, when the pool cannot carry it (a transaction pooler)
     */
    public record DatabaseConfig(
            String jndiName,
            Optional<String> url,
            Optional<String> user,
            Optional<Secret> password,
            int poolSize,
            int connectTimeoutMillis,
            boolean migrate,
            int groupCommitMaxBatch,
            int groupCommitWriters,
            Optional<ListenConfig> listen) {

        public static final String JNDI_NAME = "GATEWAY_DB_JNDI_NAME";
        public static final String URL = "GATEWAY_DB_URL";
        public static final String USER = "GATEWAY_DB_USER";
        public static final String PASSWORD = "GATEWAY_DB_PASSWORD";
        public static final String POOL_SIZE = "GATEWAY_DB_POOL_SIZE";
        public static final String CONNECT_TIMEOUT_MS = "GATEWAY_DB_CONNECT_TIMEOUT_MS";
        public static final String MIGRATE = "GATEWAY_DB_MIGRATE";
        public static final String GROUP_COMMIT_MAX_BATCH = "GATEWAY_DB_GROUP_COMMIT_MAX_BATCH";
        public static final String GROUP_COMMIT_WRITERS = "GATEWAY_DB_GROUP_COMMIT_WRITERS";

        static DatabaseConfig load(Settings settings) {
            Optional<String> url = settings.string(URL);
            Optional<String> user = settings.string(USER);
            Optional<Secret> password = settings.secret(PASSWORD);
            url.filter(value -> !value.startsWith("jdbc:postgresql:")).ifPresent(value -> {
                throw new ConfigException(URL, "must be a PostgreSQL JDBC URL starting with jdbc:postgresql:");
            });
            return new DatabaseConfig(
                    settings.string(JNDI_NAME, "jdbc/CallbackGateway"),
                    url,
                    user,
                    password,
                    settings.integer(POOL_SIZE, 10, 1, 500),
                    settings.integer(CONNECT_TIMEOUT_MS, 3000, 250, 60_000),
                    settings.bool(MIGRATE, true),
                    settings.integer(GROUP_COMMIT_MAX_BATCH, 64, 1, 1024),
                    settings.integer(GROUP_COMMIT_WRITERS, 1, 1, 64),
                    ListenConfig.load(settings, user, password));
        }

        @Override
        public String toString() {
            // The URL may carry a password as a query parameter; show only its start.
            return "DatabaseConfig[jndiName=" + jndiName
                    + ", url=" + url.map(DatabaseConfig::redactUrl).orElse("<unset>")
                    + ", user=" + user.orElse("<unset>")
                    + ", password=" + password.map(Secret::toString).orElse("<unset>")
                    + ", poolSize=" + poolSize
                    + ", connectTimeoutMillis=" + connectTimeoutMillis
                    + ", migrate=" + migrate
                    + ", groupCommitMaxBatch=" + groupCommitMaxBatch
                    + ", groupCommitWriters=" + groupCommitWriters
                    + ", listen=" + listen.map(ListenConfig::toString).orElse("<unset>") + "]";
        }

        private static String redactUrl(String url) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query) + "?********";
        }
    }
}
