package org.callbackgateway.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.db.Migrations;
import org.jdbi.v3.core.Jdbi;

/**
 * A fresh database on the test server, migrated by the real Flyway scripts.
 */
public final class TestDatabase implements AutoCloseable {
    private final String url;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private TestDatabase(String url) {
        this.url = url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(8);
        this.dataSource = new HikariDataSource(config);
        this.jdbi = JdbiFactory.create(dataSource);
    }

    /** A new, empty database with no schema. */
    public static TestDatabase empty(String prefix) {
        return new TestDatabase(TestPostgres.shared().createDatabase(prefix));
    }

    /** A new database with every migration applied. */
    public static TestDatabase migrated(String prefix) {
        TestDatabase database = empty(prefix);
        new Migrations(database.dataSource).migrate();
        return database;
    }

    public String url() {
        return url;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public long count(String sql, Object... arguments) {
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
