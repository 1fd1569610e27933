package org.callbackgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.RestartablePostgres;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway against a PostgreSQL server of its own, which the test stops and starts again.
 */
class DatabaseOutageIT {
    private static final String IGNORED_NOTIFICATION = "{\"type\":\"data\",\"payload\":{\"action\":\"share\"}}";

    @TempDir
    static Path dataDir;

    private static RestartablePostgres postgres;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        postgres = RestartablePostgres.start(dataDir.resolve("pg"), "gateway");
        gateway = GatewayServer.start(TestSettings.gateway(postgres.url("gateway"),
                "GATEWAY_DB_CONNECT_TIMEOUT_MS", "1000",
                "GATEWAY_RETRY_AFTER_SECONDS", "7"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        postgres.close();
    }



    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithoutRestart() throws Exception {
        URI notification = gateway.uri("/callbacks/notification");
        assertThat(Http.postJson(notification, IGNORED_NOTIFICATION).statusCode()).isEqualTo(200);

        postgres.stop();
        HttpResponse<String> whileDown = Http.postJson(notification, IGNORED_NOTIFICATION);
        HttpResponse<String> readyWhileDown = Http.get(gateway.uri("/readyz"));
        HttpResponse<String> aliveWhileDown = Http.get(gateway.uri("/healthz"));

        assertThat(whileDown.statusCode()).isEqualTo(503);
        assertThat(whileDown.headers().firstValue("Retry-After")).contains("7");
        assertThat(Http.json(whileDown).get("error_code").asText()).isEqualTo("ERR_UNAVAILABLE");
        assertThat(whileDown.body()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(readyWhileDown.statusCode()).isEqualTo(503);
        assertThat(aliveWhileDown.statusCode()).isEqualTo(200);

        postgres.start();
        int ready = 0;
        for (int attempt = 0; attempt < 100 && ready != 200; attempt++) {
            ready = Http.get(gateway.uri("/readyz")).statusCode();
            if (ready != 200) {
                Thread.sleep(100);
            }
        }
        assertThat(ready).isEqualTo(200);
        assertThat(Http.postJson(notification, IGNORED_NOTIFICATION).statusCode()).isEqualTo(200);
        try (Connection connection = DriverManager.getConnection(postgres.url("gateway"));
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM deliveries")) {
            rows.next();
            // The delivery refused with 503 was never acknowledged; the two answered 200 are stored.
            assertThat(rows.getLong(1)).isEqualTo(2);
        }
        assertThat(Files.exists(dataDir.resolve("pg/postgresql.conf"))).isTrue();
    }
}
