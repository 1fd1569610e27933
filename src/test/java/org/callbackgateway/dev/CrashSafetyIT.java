package org.callbackgateway.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callbackgateway.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery answered 2xx survives a hard kill of the gateway right after the answer: the development server runs
 * as a separate process, is killed with SIGKILL, restarted on the same data, and every acknowledged delivery is
 * still there.
 */
class CrashSafetyIT {
    private static final Pattern POSTGRES_PORT = Pattern.compile("Embedded PostgreSQL 15 on port (\\d+)");
    private static final String NOTIFICATION = "{\"type\":\"data\",\"payload\":{\"action\":\"share\",\"n\":%d}}";

    @TempDir
    Path dataDir;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private record Started(Process process, URI base, int postgresPort) {
    }

    private Started start(int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DevServer.class.getName());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEWAY_"));
        builder.environment().put("GATEWAY_PORT", Integer.toString(port));
        builder.environment().put("GATEWAY_DEV_DATA_DIR", dataDir.resolve("postgres").toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        server = process;
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> postgresPort = new CompletableFuture<>();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    Matcher matcher = POSTGRES_PORT.matcher(line);
                    if (matcher.find()) {
                        postgresPort.complete(Integer.parseInt(matcher.group(1)));
                    }
                    if (line.startsWith("Callback gateway listening on")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
            listening.completeExceptionally(new IllegalStateException("the development server stopped"));
        }, "dev-server-output");
        reader.setDaemon(true);
        reader.start();
        listening.get(120, TimeUnit.SECONDS);
        return new Started(process, URI.create("http://127.0.0.1:" + port), postgresPort.get(1, TimeUnit.SECONDS));
    }

    @Test
    void acknowledgedDeliveriesSurviveAKillOfTheGateway() throws Exception {
        int port = freePort();
        Started first = start(port);
        int acknowledged = 0;
        for (int i = 0; i < 25; i++) {
            if (Http.postJson(first.base().resolve("/callbacks/notification"), NOTIFICATION.formatted(i))
                    .statusCode() == 200) {
                acknowledged++;
            }
        }
        // SIGKILL right after the last answer: no shutdown hook, no flush, no goodbye to the database.
        first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        Started second = start(port);
        assertThat(Http.get(second.base().resolve("/readyz")).statusCode()).isEqualTo(200);
        assertThat(acknowledged).isEqualTo(25);
        assertThat(countDeliveries(second.postgresPort())).isEqualTo(acknowledged);
    }

    private static long countDeliveries(int postgresPort) throws Exception {
        String url = "jdbc:postgresql://localhost:" + postgresPort + "/callback_gateway?user=postgres";
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM deliveries WHERE source = 'notification' AND processing = 'ignored'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
