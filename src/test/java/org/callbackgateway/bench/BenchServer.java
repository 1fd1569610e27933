package org.callbackgateway.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.callbackgateway.auth.ClientKeys;
import org.callbackgateway.testing.GatewayServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The gateway as {@code bench/run} measures it: a fresh PostgreSQL 15 with default durability, the real webapp on
 * embedded Jetty with production settings, and the plain-servlet ceiling on the same server at
 * {@code /bench-ceiling/plain}. Writes {@code ready.properties} into the work folder once both answer, then runs
 * until it is stopped. Lives in test sources so that nothing of it ships in the WAR.
 *
 * <p>Settings (environment): {@code BENCH_DB_POOL_SIZE} (10, the gateway's default), {@code BENCH_GATEWAY_PORT}
 * (0: a free port), {@code BENCH_STREAMS} (2000: the event streams this instance admits from one caller, for the
 * stream scenario), {@code BENCH_SCENARIOS} (when it names {@code stream}, PostgreSQL keeps commit timestamps),
 * and the gateway's own {@code GATEWAY_DB_GROUP_COMMIT_*} settings when set.
 *
 * <p>The gateway's settings also go to {@code instance.properties} (owner-only), from which the stream scenario
 * starts a second instance on the same database ({@code ClusterNodeMain}).
 */
public final class BenchServer {
    static final String DATABASE = "callback_gateway";
    static final String ADMIN_ID = "bench-admin";
    static final String RETENTION_DAYS = "30";

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BenchServer <work folder>");
            System.exit(2);
        }
        Path work = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(work);
        String poolSize = env("BENCH_DB_POOL_SIZE", "10");
        int port = Integer.parseInt(env("BENCH_GATEWAY_PORT", "0"));
        int streams = Integer.parseInt(env("BENCH_STREAMS", "2000"));
        // The stream scenario measures the delay from each event's commit (pg_xact_commit_timestamp); the other
        // scenarios run with PostgreSQL's default (off), as production does.
        boolean commitTimestamps = Arrays.asList(env("BENCH_SCENARIOS", "").split(",")).contains("stream");

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true)
                // The embedded default is fsync off and synchronous_commit off; measure what production runs.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // Per-statement time of each scenario, reported beside its figures (bench/lib/pg.py).
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("track_commit_timestamp", commitTimestamps ? "on" : "off")
                .start();
        Map<String, String> postgresSettings = createDatabase(postgres);
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE + "?user=postgres";

        String adminKey = ClientKeys.generate();
        Map<String, String> settings = new HashMap<>();
        settings.put("GATEWAY_DB_URL", jdbcUrl);
        settings.put("GATEWAY_DB_POOL_SIZE", poolSize);
        // The production default. The scale check fills the 29 whole days before today, which a 30-day window
        // keeps whatever the hour (a day's partition goes once its end is 30 days past).
        settings.put("GATEWAY_RETENTION_DAYS", RETENTION_DAYS);
        settings.put("GATEWAY_JWT_SIGNING_KEY", ClientKeys.generate());
        settings.put("GATEWAY_ENCRYPTION_KEYS", "bench-1:" + randomBase64(32));
        // The forwarding scenario subscribes a receiver on loopback.
        settings.put("GATEWAY_SUBSCRIPTIONS_ALLOW_PRIVATE", "true");
        settings.put("GATEWAY_BOOTSTRAP_ADMIN_ID", ADMIN_ID);
        settings.put("GATEWAY_BOOTSTRAP_ADMIN_KEY_HASH", new ClientKeys(10).hash(adminKey));
        // The stream scenario holds all its streams with one service client, on this instance.
        settings.put("GATEWAY_STREAM_MAX_PER_CALLER", Integer.toString(Math.max(10, streams)));
        settings.put("GATEWAY_STREAM_MAX_TOTAL", Integer.toString(Math.max(2000, streams + 100)));
        // The group commit's settings, when the environment sets them (to compare, e.g., one writer with two).
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("GATEWAY_DB_GROUP_COMMIT_")) {
                settings.put(name, value);
            }
        });
        writeOwnerOnly(work.resolve("instance.properties"), settings);

        ServletContextHandler ceiling = new ServletContextHandler();
        ceiling.setContextPath("/bench-ceiling");
        ceiling.addServlet(new ServletHolder(new PlainCeilingServlet()), "/plain");
        GatewayServer gateway = GatewayServer.start("127.0.0.1", port, settings, ceiling);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
                postgres.close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e);
            }
        }, "bench-server-shutdown"));

        Properties ready = new Properties();
        ready.setProperty("gateway_url", gateway.baseUri().toString());
        ready.setProperty("jvm_pid", Long.toString(ProcessHandle.current().pid()));
        ready.setProperty("pool_size", poolSize);
        ready.setProperty("pg_port", Integer.toString(postgres.getPort()));
        ready.setProperty("pg_database", DATABASE);
        ready.setProperty("pg_user", "postgres");
        ready.setProperty("pg_data_dir", work.resolve("postgres").toString());
        ready.setProperty("admin_id", ADMIN_ID);
        ready.setProperty("admin_key", adminKey);
        ready.setProperty("retention_days", RETENTION_DAYS);
        postgresSettings.forEach((name, value) -> ready.setProperty("pg_" + name, value));
        writeAtomically(work.resolve("ready.properties"), ready);
        System.out.println("bench server ready: gateway " + gateway.baseUri() + ", plain servlet ceiling "
                + gateway.uri("/bench-ceiling/plain") + ", PostgreSQL 127.0.0.1:" + postgres.getPort()
                + " " + postgresSettings);
        gateway.join();
    }

    /** Creates the gateway's database and reads back the settings that decide durability and memory. */
    private static Map<String, String> createDatabase(EmbeddedPostgres postgres) throws SQLException {
        Map<String, String> shown = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
            try (Connection gatewayDatabase = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE + "?user=postgres");
                 Statement inGatewayDatabase = gatewayDatabase.createStatement()) {
                inGatewayDatabase.execute("CREATE EXTENSION pg_stat_statements");
            }
            for (String name : new String[] {"server_version", "fsync", "synchronous_commit", "full_page_writes",
                    "wal_sync_method", "shared_buffers", "max_connections", "track_commit_timestamp"}) {
                try (ResultSet value = statement.executeQuery("SHOW " + name)) {
                    value.next();
                    shown.put(name, value.getString(1));
                }
            }
        }
        if (!"on".equals(shown.get("fsync")) || !"on".equals(shown.get("synchronous_commit"))) {
            throw new IllegalStateException("PostgreSQL must run with fsync and synchronous_commit on: " + shown);
        }
        return shown;
    }

    private static void writeAtomically(Path file, Properties properties) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            properties.store(out, "written by BenchServer; the bench harness reads it");
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The gateway's settings for a second instance: they hold its keys, so only the owner may read them. */
    private static void writeOwnerOnly(Path file, Map<String, String> settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "settings of the bench gateway, for a second instance on its database");
        }
    }

    private static String randomBase64(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
