package org.callbackgateway.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.testing.GatewayServer;

/**
 * The development server: the real webapp on embedded Jetty 12, with an embedded PostgreSQL 15 whose data
 * survives restarts (or the database named by {@code GATEWAY_DB_URL}). Run it with {@code mvn -Pdev}.
 *
 * <p>Settings: {@code GATEWAY_HOST} (127.0.0.1), {@code GATEWAY_PORT} (8080), {@code GATEWAY_DEV_DATA_DIR}
 * ({@code .gateway-dev/postgres}), and every gateway setting of the README.
 */
public final class DevServer {
    private static final String DATABASE = "callback_gateway";

    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        String host = env("GATEWAY_HOST").orElse("127.0.0.1");
        int port = Integer.parseInt(env("GATEWAY_PORT").orElse("8080"));

        Map<String, String> settings = new HashMap<>();
        EmbeddedPostgres postgres = null;
        if (env("GATEWAY_DB_URL").isEmpty()) {
            Path dataDir = Path.of(env("GATEWAY_DEV_DATA_DIR").orElse(".gateway-dev/postgres")).toAbsolutePath();
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // The embedded default turns fsync off; this data is meant to survive a crash.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            createDatabaseIfMissing(postgres);
            settings.put("GATEWAY_DB_URL", postgres.getJdbcUrl("postgres", DATABASE));
            System.out.println("Embedded PostgreSQL 15 on port " + postgres.getPort() + ", data in " + dataDir);
        }

        GatewayServer gateway = GatewayServer.start(host, port, settings);
        EmbeddedPostgres database = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
                if (database != null) {
                    database.close();
                }
            } catch (Exception e) {
                System.err.println("shutdown: " + e);
            }
        }, "dev-server-shutdown"));

        String base = gateway.baseUri().toString();
        System.out.println();
        System.out.println("Callback gateway listening on " + base + "  (Ctrl-C stops it)");
        System.out.println("Try:");
        System.out.println("  curl -s " + base + "/readyz");
        System.out.println("  curl -s -H 'Content-Type: application/json' -d '{\"type\":\"analysis\",\"payload\":"
                + "{\"action\":\"job_status_change\",\"id\":\"29E3A5C8-EAD4-4F79-B450-A2FEF6548C30\","
                + "\"status\":\"Running\",\"enddate\":\"\"}}' " + base + "/callbacks/notification");
        System.out.println();
        gateway.join();
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery(
                     "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
