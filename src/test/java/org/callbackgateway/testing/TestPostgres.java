package org.callbackgateway.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server the tests use: an embedded PostgreSQL 15 started once per test JVM, or the server
 * named by {@code GATEWAY_TEST_DB_URL} (a JDBC URL of a user allowed to create databases).
 * Each test class gets a database of its own.
 */
public final class TestPostgres {
    public static final String EXTERNAL_URL = "GATEWAY_TEST_DB_URL";

    private static TestPostgres shared;

    private final String adminUrl;
    private final EmbeddedPostgres embedded;

    private TestPostgres(String adminUrl, EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.embedded = embedded;
    }

    /** The server shared by every test of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            String external = System.getenv(EXTERNAL_URL);
            if (external != null && !external.isBlank()) {
                shared = new TestPostgres(external, null);
            } else {
                EmbeddedPostgres postgres = startEmbedded();
                shared = new TestPostgres(postgres.getJdbcUrl("postgres", "postgres"), postgres);
            }
        }
        return shared;
    }

    /** A fresh embedded server of its own, for tests that stop and start it. */
    public static EmbeddedPostgres startEmbedded() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = DriverManager.getConnection(adminUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return urlFor(name);
    }

    private String urlFor(String database) {
        // Swap the database name in the admin URL: jdbc:postgresql://host:port/<db>?params
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        String rest = query < 0 ? "" : adminUrl.substring(query);
        return adminUrl.substring(0, slash + 1) + database + rest;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }
}
