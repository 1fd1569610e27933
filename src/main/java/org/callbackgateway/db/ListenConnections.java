package org.callbackgateway.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.callbackgateway.config.ListenConfig;
import org.callbackgateway.config.Secret;

/**
 * Where this instance's one long-lived {@code LISTEN} connection comes from: straight from the driver with
 * {@code GATEWAY_DB_LISTEN_URL} (outside the pool, so a transaction pooler in front of the pool does not matter
 * and the pool keeps all its connections), else a connection of the pool, as a plain deployment needs nothing
 * more.
 */
public final class ListenConnections {
    /** What the listening backend shows as {@code application_name} in {@code pg_stat_activity}, unless the URL says. */
    public static final String APPLICATION_NAME = "callback-gateway-listen";

    private final Optional<ListenConfig> direct;
    private final DataSource pool;
    private final int connectTimeoutSeconds;

    private ListenConnections(Optional<ListenConfig> direct, DataSource pool, int connectTimeoutMillis) {
        this.direct = direct;
        this.pool = pool;
        this.connectTimeoutSeconds = Math.max(1, connectTimeoutMillis / 1000);
    }

    /** Connections of {@code direct} when set, else of {@code pool}. */
    public static ListenConnections of(Optional<ListenConfig> direct, DataSource pool, int connectTimeoutMillis) {
        return new ListenConnections(direct, pool, connectTimeoutMillis);
    }

    /** Connections of the pool only. */
    public static ListenConnections pooled(DataSource pool) {
        return new ListenConnections(Optional.empty(), pool, 3000);
    }

    /** Whether the connection is one of its own ({@code GATEWAY_DB_LISTEN_URL}) rather than the pool's. */
    public boolean direct() {
        return direct.isPresent();
    }

    /** A new connection to listen on; the caller closes it. */
    public Connection open() throws SQLException {
        if (direct.isEmpty()) {
            return pool.getConnection();
        }
        ListenConfig config = direct.get();
        Properties properties = new Properties();
        config.user().ifPresent(user -> properties.setProperty("user", user));
        config.password().map(Secret::reveal).ifPresent(password -> properties.setProperty("password", password));
        // Defaults only: what the URL itself says wins.
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        // The liveness query must fail within seconds on a dead peer; waiting for notifications sets its own timeout.
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        // The driver itself rather than DriverManager, which may not see a driver loaded by a webapp's class loader.
        Connection connection = new org.postgresql.Driver().connect(config.url(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + config.redactedUrl());
        }
        return connection;
    }

    /** For the logs: which connection, never a password. */
    public String description() {
        return direct.map(config -> "its own connection to " + config.redactedUrl() + " (" + ListenConfig.URL + ")")
                .orElse("a connection of the pool");
    }
}
