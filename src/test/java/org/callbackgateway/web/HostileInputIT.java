package org.callbackgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbackgateway.web.BadInputIT.assertEnvelope4xx;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.RawHttp;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hostile sender tries over raw sockets: NUL characters, values wider than their columns, instants
 * PostgreSQL cannot hold, over-long keys, byte-order marks, malformed headers, odd methods, stalled bodies.
 * Every answer is a 4xx with the envelope, and every callback attempt is stored with its reason.
 */
class HostileInputIT {
    private static final int CAP = 64 * 1024;

    private static TestDatabase database;
    private static GatewayServer gateway;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("hostile");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(),
                "GATEWAY_MAX_BODY_BYTES", Integer.toString(CAP)));
        admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
    }

    private static RawHttp.Answer raw(String body, String... lines) {
        return RawHttp.send(gateway.baseUri(), RawHttp.request(body, lines));
    }

    private static String bearer() {
        return "Bearer " + ApiClient.token(gateway.baseUri(), Admins.ID, Admins.KEY);
    }

    private static long deliveries(String processing, String detailLike) {
        return database.count("SELECT count(*) FROM deliveries WHERE processing = ? AND processing_detail LIKE ?",
                processing, detailLike);
    }

    @Nested
    class NulCharacters {
        @Test
        void nulInANotificationIdIsRefusedAndTheAttemptStored() {
            String body = "{\"type\":\"analysis\",\"payload\":{\"action\":\"job_status_change\",\"id\":\"a\\u0000b\","
                    + "\"status\":\"Running\"}}";

            HttpResponse<String> response = Http.postJson(gateway.uri("/callbacks/notification"), body);

            assertEnvelope4xx(response.statusCode(), response.body());
            assertThat(Http.json(response).get("message").asText()).contains("payload.id");
            assertThat(deliveries("invalid", "payload.id%")).isEqualTo(1);
        }

        @Test
        void nulInAQueryParameterIsRefusedNamingIt() {
            HttpResponse<String> response = admin.get("/secured/jobs?owner=a%00b");

            assertEnvelope4xx(response.statusCode(), response.body());
            assertThat(Http.json(response).get("message").asText()).contains("owner");
        }

        @Test
        void nulInAJsonFieldOfTheApiIsRefusedNamingIt() {
            HttpResponse<String> response = admin.post("/secured/jobs",
                    "{\"source\":\"agave\",\"name\":\"n\",\"external_id\":\"\\u0000\"}");

            assertEnvelope4xx(response.statusCode(), response.body());
            assertThat(Http.json(response).get("message").asText()).contains("external_id");
        }

        @Test
        void nulInClientPermissionsIsRefused() {
            HttpResponse<String> response = admin.post("/admin/clients",
                    "{\"client_id\":\"nul-perm\",\"role\":\"user\",\"permissions\":{\"a\":\"\\u0000\"}}");

            assertEnvelope4xx(response.statusCode(), response.body());
            assertThat(database.count("SELECT count(*) FROM clients WHERE client_id = 'nul-perm'")).isZero();
        }

        @Test
        void nulInAPathParameterIsRefused() {
            HttpResponse<String> response = admin.get("/admin/clients/a%00b");

            assertEnvelope4xx(response.statusCode(), response.body());
        }

        @Test
        void nulInAPathIsRefusedByTheContainerWithAnEnvelope() {
            HttpResponse<String> response = Http.postJson(gateway.uri("/callbacks/webhooks/a%00b"), "{}");

            assertEnvelope4xx(response.statusCode(), response.body());
        }

        @Test
        void nulInAStandardWebhooksTypeIsStoredWithTheRefusal() {
            admin.post("/admin/sources", "{\"name\":\"nul-hooks\"}");

            HttpResponse<String> response = Http.postJson(gateway.uri("/callbacks/webhooks/nul-hooks"),
                    "{\"type\":\"invoice\\u0000paid\"}");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(database.count("SELECT count(*) FROM deliveries WHERE source = 'nul-hooks'"
                    + " AND verification = 'rejected' AND event_type = 'invoice\uFFFDpaid'")).isEqualTo(1);
        }
    }

    @Nested
    class WiderThanTheColumn {
        @Test
        void aLongContentTypeOnAnUnsignedCallbackIsStoredTruncated() {
            String contentType = "application/json; x=" + "a".repeat(300);

            HttpResponse<String> response = Http.post(gateway.uri("/callbacks/notification"), contentType,
                    "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(database.count("SELECT count(*) FROM deliveries WHERE length(content_type) = 256")).isEqualTo(1);
        }

        @Test
        void anExternalIdOfOnlyNulOrSpacesIsRefused() {
            HttpResponse<String> response = admin.post("/secured/jobs",
                    "{\"source\":\"agave\",\"name\":\"n\",\"external_id\":\"\\u0001\\u0002 \"}");

            assertEnvelope4xx(response.statusCode(), response.body());
            assertThat(Http.json(response).get("message").asText()).contains("external_id");
        }
    }

    @Nested
    class InstantsOutOfRange {
        @Test
        void aSinceBeyondYear9999IsRefused() {
            HttpResponse<String> response = admin.get("/secured/deliveries?since=%2B1000000000-12-31T23:59:59Z");

            assertEnvelope4xx(response.statusCode(), response.body());
            assertThat(Http.json(response).get("message").asText()).contains("since");
        }

        @Test
        void aNotAfterInYearMinus290000IsRefusedNamingTheField() {
            admin.post("/admin/sources", "{\"name\":\"billing-range\"}");

            HttpResponse<String> response = admin.post("/admin/sources/billing-range/secrets",
                    "{\"not_after\":\"-290000-01-01T00:00:00Z\"}");

            assertEnvelope4xx(response.statusCode(), response.body());
            assertThat(Http.json(response).get("message").asText()).contains("not_after");
        }
    }

    @Nested
    class ClientKeysPastBcryptsLimit {
        @Test
        void aClientKeyLongerThan72BytesIsTheUsual401() {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                    gateway.uri("/v1/authenticate/token/" + Admins.ID)).header("client-key", "k".repeat(100)).GET());

            assertThat(response.statusCode()).isEqualTo(401);
            assertEnvelope4xx(response.statusCode(), response.body());
        }

        @Test
        void aBasicPasswordLongerThan72BytesIsTheUsual401WithItsChallenge() {
            String basic = Base64.getEncoder().encodeToString(("long-key-client:" + "ü".repeat(40))
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(gateway.uri("/v1/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
        }
    }

    @Nested
    class ByteOrderMarks {
        @ParameterizedTest(name = "{0}")
        @MethodSource("org.callbackgateway.web.HostileInputIT#byteOrderMarks")
        void aJsonBodyWithAByteOrderMarkIsA4xx(String name, byte[] mark) {
            byte[] json = "{\"source\":\"agave\",\"name\":\"n\"}".getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[mark.length + json.length];
            System.arraycopy(mark, 0, body, 0, mark.length);
            System.arraycopy(json, 0, body, mark.length, json.length);
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(gateway.uri("/secured/jobs"))
                    .header("Content-Type", "application/json").header("Authorization", bearer())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

            assertThat(response.statusCode()).as(response.body()).isLessThan(500);
            if (response.statusCode() >= 400) {
                assertEnvelope4xx(response.statusCode(), response.body());
            }
        }
    }

    static Stream<Arguments> byteOrderMarks() {
        return Stream.of(
                Arguments.of("UTF-32 BE", new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}),
                Arguments.of("UTF-32 LE", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}),
                Arguments.of("UTF-16 BE", new byte[] {(byte) 0xFE, (byte) 0xFF}),
                Arguments.of("UTF-8", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}));
    }

    @Nested
    class MalformedHeaders {
        @ParameterizedTest(name = "{0} on {1}")
        @MethodSource("org.callbackgateway.web.HostileInputIT#malformedHeaders")
        void aMalformedContentTypeOrAcceptIsAnEnvelope(String header, String requestLine) {
            RawHttp.Answer answer = raw("{}", requestLine, "Host: 127.0.0.1", header, "Content-Length: 2");

            assertEnvelope4xx(answer.status(), answer.body());
        }

        @Test
        void twoContentTypesAreAnEnvelope() {
            RawHttp.Answer answer = raw("{}", "POST /callbacks/notification HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Type: application/json", "Content-Type: application/json", "Content-Length: 2");

            assertEnvelope4xx(answer.status(), answer.body());
        }
    }

    static Stream<Arguments> malformedHeaders() {
        return Stream.of("Content-Type: application/json; charset=", "Content-Type: /", "Content-Type: applic\u00e9tion/json",
                        "Accept: /", "Accept: application/json; q=", "Accept: text/\u00ff")
                .flatMap(header -> Stream.of("GET /healthz HTTP/1.1", "POST /callbacks/notification HTTP/1.1",
                        "POST /secured/jobs HTTP/1.1").map(line -> Arguments.of(header, line)));
    }

    @Test
    void anUnknownMethodOnTheOAuthCallbackIs405WithTheEnvelope() {
        RawHttp.Answer answer = raw("", "FOO /oauth/callback/agave HTTP/1.1", "Host: 127.0.0.1");

        assertThat(answer.status()).isEqualTo(405);
        assertEnvelope4xx(answer.status(), answer.body());
    }

    @Test
    void aDeclaredLengthOverTheCapIsAnswered413AtOnceWithoutReadingTheBody() throws Exception {
        try (Socket socket = new Socket(gateway.baseUri().getHost(), gateway.baseUri().getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /callbacks/notification HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (CAP + 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[1024]);
            out.flush();
            // The sender stalls here; the answer must come anyway, well before any idle timeout.
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);

            assertThat(head).isEqualTo("HTTP/1.1 413");
        }
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE processing = 'too_large' AND body IS NULL"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aMalformedChunkedBodyIsA400() {
        RawHttp.Answer answer = raw("zz\r\n{}\r\n0\r\n\r\n", "POST /callbacks/notification HTTP/1.1",
                "Host: 127.0.0.1", "Content-Type: application/json", "Transfer-Encoding: chunked");

        assertEnvelope4xx(answer.status(), answer.body());
    }

    @Test
    void aWrongFieldTypeNamesTheFieldAndNoJavaType() {
        HttpResponse<String> response = admin.post("/secured/jobs", "{\"source\":\"agave\",\"name\":{\"a\":1}}");

        assertEnvelope4xx(response.statusCode(), response.body());
        String message = Http.json(response).get("message").asText();
        assertThat(message).contains("name").doesNotContain("java.").doesNotContain("org.callbackgateway");
    }

    @Test
    void anAdminMayActForAUser() {
        HttpResponse<String> response = admin.post("/secured/jobs?user=snow-dog",
                "{\"source\":\"agave\",\"name\":\"for-user\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode job = Http.json(response);
        assertThat(job.get("owner").asText()).isEqualTo("snow-dog");
    }

    @Test
    void theLoginThrottleRefusesTheSixthAttemptAndRoundsRetryAfterUp() {
        String client = "throttled-" + UUID.randomUUID().toString().substring(0, 8);
        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                    gateway.uri("/v1/authenticate/token/" + client)).header("client-key", "wrong").GET());
            assertThat(response.statusCode()).as("attempt " + attempt).isEqualTo(401);
        }

        HttpResponse<String> sixth = Http.send(HttpRequest.newBuilder(
                gateway.uri("/v1/authenticate/token/" + client)).header("client-key", "wrong").GET());

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).hasValue("1");
    }
}
