package org.callbackgateway.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.callbackgateway.config.ConfigException;
import org.callbackgateway.config.GatewayConfig.DatabaseConfig;
import org.callbackgateway.config.Secret;

/**
 * Finds the container's JNDI {@code DataSource}, or builds a HikariCP pool from the JDBC URL.
 */
public final class DataSources {
    private DataSources() {
    }

    /** The data source and whether the gateway owns it (and must close it). */
    public record Resolved(DataSource dataSource, boolean owned, String description) {
    }

    public static Resolved resolve(DatabaseConfig config) {
        Optional<DataSource> fromJndi = lookup("java:comp/env/" + config.jndiName());
        if (fromJndi.isPresent()) {
            return new Resolved(fromJndi.get(), false, "JNDI java:comp/env/" + config.jndiName());
        }
        String url = config.url().orElseThrow(() -> new ConfigException(DatabaseConfig.URL,
                "not set, and no JNDI DataSource java:comp/env/" + config.jndiName() + " is provided"));
        return new Resolved(pool(config, url), true, "pool of " + config.poolSize() + " for " + url.split("\\?")[0]);
    }

    private static HikariDataSource pool(DatabaseConfig config, String url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("callback-gateway");
        hikari.setJdbcUrl(url);
        config.user().ifPresent(hikari::setUsername);
        config.password().map(Secret::reveal).ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectTimeoutMillis());
        hikari.setValidationTimeout(Math.min(config.connectTimeoutMillis(), 2000));
        // Start even when the database is briefly away; requests are answered 503 until it is back.
        hikari.setInitializationFailTimeout(-1);
        // A dead server must fail a request within seconds, not hang it.
        hikari.addDataSourceProperty("connectTimeout", Math.max(1, config.connectTimeoutMillis() / 1000));
        hikari.addDataSourceProperty("socketTimeout", 60);
        hikari.addDataSourceProperty("tcpKeepAlive", true);
        return new HikariDataSource(hikari);
    }

    private static Optional<DataSource> lookup(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            return found instanceof DataSource dataSource ? Optional.of(dataSource) : Optional.empty();
        } catch (NamingException | RuntimeException e) {
            // No JNDI in this container, or nothing bound under the name: fall back to the JDBC URL.
            return Optional.empty();
        }
    }
}
