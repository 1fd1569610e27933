package org.callbackgateway.callbacks.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Per-source protection over raw sockets from two loopback addresses: 127.0.0.2 plays the trusted balancer,
 * 127.0.0.1 any other peer. GitHub may call only from 203.0.113.0/24; the notification agent once every 100 s
 * with a burst of 2.
 */
class SourceProtectionIT {
    private static TestDatabase database;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("protection");
        gateway = GatewayServer.start(TestSettings.gateway(database.url(),
                "GATEWAY_PROTECTED_SOURCES", "github,notification",
                "GATEWAY_SOURCE_GITHUB_ALLOWED_CIDRS", "203.0.113.0/24, 2001:db8::/32",
                "GATEWAY_SOURCE_NOTIFICATION_RATE_PER_SECOND", "0.01",
                "GATEWAY_SOURCE_NOTIFICATION_BURST", "2",
                "GATEWAY_TRUSTED_PROXIES", "127.0.0.2"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
    }

    /** Sends the head (and body) from {@code localAddress}, and reads the answer without sending more. */
    private static String send(String localAddress, String head, String body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(gateway.baseUri().getHost(), gateway.baseUri().getPort()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write((head + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                answer.write(buffer, 0, read);
                if (answer.toString(StandardCharsets.ISO_8859_1).contains("\"success\"")) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String github(String from, String... extraHeaders) {
        String body = "{\"zen\":\"hi\"}";
        return send(from, "POST /callbacks/github HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-GitHub-Event: ping\r\n" + String.join("", extraHeaders) + "Content-Length: " + body.length()
                + "\r\nConnection: close\r\n", body);
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    @Nested
    class AllowList {
        @Test
        void aPeerOutsideTheRangesIsRefused403AndRecordedWithoutBody() {
            String answer = github("127.0.0.1");

            assertThat(status(answer)).isEqualTo(403);
            assertThat(answer).contains("\"error_code\":\"ERR_FORBIDDEN\"");
            assertThat(database.count("SELECT count(*) FROM deliveries WHERE source = 'github' AND body IS NULL"
                    + " AND processing_detail LIKE 'refused: the address is not allowed%'")).isGreaterThanOrEqualTo(1);
        }

        @Test
        void forwardedForFromATrustedProxyNamesTheClient() {
            String answer = github("127.0.0.2", "X-Forwarded-For: 203.0.113.7\r\n");

            // Past the allow-list: unsigned, so the signature check refuses it.
            assertThat(status(answer)).isEqualTo(401);
        }

        @Test
        void forwardedForFromATrustedProxyTakesTheRightmostUntrustedHop() {
            String answer = github("127.0.0.2", "X-Forwarded-For: 203.0.113.7, 198.51.100.1\r\n");

            assertThat(status(answer)).isEqualTo(403);
        }

        @Test
        void forwardedForFromAnUntrustedPeerIsIgnored() {
            String answer = github("127.0.0.1", "X-Forwarded-For: 203.0.113.7\r\n");

            assertThat(status(answer)).isEqualTo(403);
        }

        @Test
        void ipv6RangesMatchToo() {
            String answer = github("127.0.0.2", "X-Forwarded-For: 2001:db8::1\r\n");

            assertThat(status(answer)).isEqualTo(401);
        }
    }

    @Test
    void overTheRateIsAnswered429BeforeTheBodyIsReadAndCounted() {
        String head = "POST /callbacks/notification HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        String body = "{\"type\":\"x\"}";
        for (int i = 0; i < 2; i++) {
            String answer = send("127.0.0.1", head + "Content-Length: " + body.length() + "\r\nConnection: close\r\n",
                    body);
            assertThat(status(answer)).as(answer).isEqualTo(200);
        }

        // A declared body that never comes: the refusal cannot wait for it.
        String refused = send("127.0.0.1", head + "Content-Length: 100000\r\n", "");

        assertThat(status(refused)).isEqualTo(429);
        // Rounded up: about 100 s minus what the first two took.
        assertThat(refused).containsPattern("(?i)Retry-After: (9[0-9]|100)\r\n").contains("ERR_TOO_MANY_REQUESTS");
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE source = 'notification' AND body IS NULL"
                + " AND body_size = 100000 AND processing_detail LIKE 'refused: over the rate limit%'")).isEqualTo(1);
        assertThat(Http.get(gateway.uri("/metrics")).body())
                .containsPattern("gateway_callbacks_refused_total\\{reason=\"rate_limit\",source=\"notification\"} 1.0");
    }
}
