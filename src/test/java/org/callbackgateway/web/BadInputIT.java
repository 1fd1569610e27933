package org.callbackgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint that takes a body, fed every kind of bad input: each answer is a 4xx with the JSON envelope,
 * and nothing about jobs or clients changes.
 */
class BadInputIT {
    private static final int CAP = 16 * 1024;

    private static TestDatabase database;
    private static GatewayServer gateway;
    private static String adminToken;
    private static String tapisJob;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("bad_input");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(),
                "GATEWAY_MAX_BODY_BYTES", Integer.toString(CAP)));
        adminToken = ApiClient.token(gateway.baseUri(), Admins.ID, Admins.KEY);
        ApiClient admin = new ApiClient(gateway.baseUri(), adminToken);
        tapisJob = Http.json(admin.post("/secured/jobs",
                "{\"source\":\"tapis\",\"name\":\"t\",\"external_id\":\"tapis-" + UUID.randomUUID() + "\"}")).get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
    }

    /** An endpoint that takes a JSON body, and whether it needs the admin's token. */
    private record Endpoint(String path, boolean secured) {
        @Override
        public String toString() {
            return "POST " + path;
        }
    }

    private static List<Endpoint> jsonEndpoints() {
        return List.of(
                new Endpoint("/callbacks/notification", false),
                new Endpoint("/callbacks/tapis-job/" + tapisJob, false),
                new Endpoint("/callbacks/github", false),
                new Endpoint("/callbacks/gitea", false),
                new Endpoint("/callbacks/gitlab", false),
                new Endpoint("/callbacks/tuxsuite", false),
                new Endpoint("/callbacks/webhooks/anything", false),
                new Endpoint("/secured/jobs", true),
                new Endpoint("/admin/clients", true),
                new Endpoint("/admin/sources", true));
    }

    /** A bad body: its content type (null for none) and bytes. */
    private record BadBody(String name, String contentType, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<BadBody> badBodies() {
        return List.of(
                new BadBody("malformed JSON", "application/json", bytes("{\"source\": ")),
                new BadBody("JSON array", "application/json", bytes("[1, 2, 3]")),
                new BadBody("JSON string", "application/json", bytes("\"just text\"")),
                new BadBody("JSON number", "application/json", bytes("42")),
                new BadBody("JSON null", "application/json", bytes("null")),
                new BadBody("empty body", "application/json", new byte[0]),
                new BadBody("wrong content type", "text/xml", bytes("<job/>")),
                new BadBody("no content type", null, bytes("{}")),
                new BadBody("not UTF-8", "application/json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff,
                        (byte) 0xfe, (byte) 0xc3, '"', '}'}),
                new BadBody("over the cap", "application/json", new byte[CAP + 10]),
                new BadBody("UTF-32 byte-order mark", "application/json", withMark(new byte[] {0, 0, (byte) 0xFE,
                        (byte) 0xFF}, "{\"source\":\"agave\",\"name\":\"n\"}")),
                new BadBody("NUL in every string", "application/json", bytes(NUL_EVERYWHERE)),
                new BadBody("extreme numbers and dates", "application/json", bytes(EXTREMES)),
                new BadBody("deeply nested", "application/json", bytes("[".repeat(5000))));
    }

    /** The fields of every endpoint's body at once, each holding NUL. */
    private static final String NUL_EVERYWHERE = "{\"source\":\"a\\u0000\",\"name\":\"\\u0000\",\"external_id\":\"\\u0000\","
            + "\"client_id\":\"c\\u0000\",\"role\":\"user\",\"permissions\":{\"\\u0000\":\"\\u0000\"},"
            + "\"type\":\"\\u0000\",\"kind\":\"\\u0000\",\"payload\":{\"action\":\"job_status_change\","
            + "\"id\":\"\\u0000\",\"status\":\"\\u0000\"},\"event\":{\"type\":\"jobs.JOB_NEW_STATUS.\\u0000\"}}";
    /** Numbers and instants beyond any column. */
    private static final String EXTREMES = "{\"source\":\"agave\",\"max_body_bytes\":1e309,"
            + "\"tolerance_seconds\":-99999999999999999999,\"not_after\":\"+1000000000-12-31T23:59:59Z\","
            + "\"payload\":{\"action\":\"job_status_change\",\"id\":\"x\",\"status\":\"Running\","
            + "\"enddate\":\"99999999999999999999\"}}";

    private static byte[] withMark(byte[] mark, String json) {
        byte[] body = bytes(json);
        byte[] all = new byte[mark.length + body.length];
        System.arraycopy(mark, 0, all, 0, mark.length);
        System.arraycopy(body, 0, all, mark.length, body.length);
        return all;
    }

    static Stream<Arguments> everyEndpointWithEveryBadBody() {
        return jsonEndpoints().stream().flatMap(endpoint -> badBodies().stream().map(body -> Arguments.of(endpoint, body)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long state() {
        return database.count("SELECT (SELECT count(*) FROM jobs) + (SELECT count(*) FROM job_status_updates)"
                + " + (SELECT count(*) FROM clients)");
    }

    static void assertEnvelope4xx(int status, String body) {
        assertThat(status).isBetween(400, 499);
        JsonNode json = Http.json(body);
        assertThat(json.get("success").asBoolean(true)).isFalse();
        assertThat(json.get("error_code").asText()).startsWith("ERR_");
        assertThat(body).doesNotContain("Exception").doesNotContain("<html");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyEndpointWithEveryBadBody")
    void badBodyIsA4xxEnvelopeAndChangesNothing(Endpoint endpoint, BadBody bad) {
        long before = state();
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(endpoint.path()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bad.body()));
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        if (endpoint.secured()) {
            request.header("Authorization", "Bearer " + adminToken);
        }

        HttpResponse<String> response = Http.send(request);

        assertEnvelope4xx(response.statusCode(), response.body());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(state()).isEqualTo(before);
        if (bad.name().equals("over the cap")) {
            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    /** Headers Jersey cannot parse, which it would answer with a bare 400. */
    private static List<String> malformedHeaders() {
        return List.of("Content-Type: application/json; charset=", "Content-Type: /", "Content-Type: text/\u00e9",
                "Accept: /", "Accept: application/json;q=");
    }

    static Stream<Arguments> everyEndpointWithEveryMalformedHeader() {
        return jsonEndpoints().stream().flatMap(endpoint -> malformedHeaders().stream()
                .map(header -> Arguments.of(endpoint, header)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyEndpointWithEveryMalformedHeader")
    void malformedContentTypeOrAcceptIsA4xxEnvelopeAndChangesNothing(Endpoint endpoint, String header) {
        long before = state();
        RawHttp.Answer answer = RawHttp.send(gateway.baseUri(), RawHttp.request("{}", "POST " + endpoint.path()
                + " HTTP/1.1", "Host: 127.0.0.1", "Authorization: Bearer " + adminToken, header, "Content-Length: 2"));

        assertEnvelope4xx(answer.status(), answer.body());
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void chunkedJsonOverTheCapIsRefusedWith413() {
        byte[] big = ("{\"source\":\"agave\",\"name\":\"" + "x".repeat(CAP) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/secured/jobs"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));

        HttpResponse<String> response = Http.send(request);

        assertThat(response.statusCode()).isEqualTo(413);
        assertEnvelope4xx(response.statusCode(), response.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPaths")
    void badPathOrQueryIsA4xxEnvelope(String method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .header("Authorization", "Bearer " + adminToken)
                .method(method, HttpRequest.BodyPublishers.noBody());

        HttpResponse<String> response = Http.send(request);

        assertEnvelope4xx(response.statusCode(), response.body());
    }

    static Stream<Arguments> badPaths() {
        String longValue = "x".repeat(4000);
        return Stream.of(
                Arguments.of("POST", "/callbacks/agave-job/not-a-uuid"),
                Arguments.of("POST", "/callbacks/agave-job/" + longValue),
                Arguments.of("POST", "/callbacks/tapis-job/" + UUID.randomUUID() + "x"),
                Arguments.of("GET", "/secured/jobs/not-a-uuid"),
                Arguments.of("GET", "/secured/jobs/" + longValue),
                Arguments.of("GET", "/secured/jobs?source=" + longValue),
                Arguments.of("GET", "/secured/jobs?limit=" + longValue),
                Arguments.of("GET", "/secured/jobs?cursor=" + longValue),
                Arguments.of("GET", "/admin/clients/" + longValue),
                Arguments.of("GET", "/v1/authenticate/token/" + longValue));
    }

    @Test
    void duplicateContentLengthIsRefusedWithTheEnvelope() {
        RawHttp.Answer answer = RawHttp.send(gateway.baseUri(), RawHttp.request("{}",
                "POST /callbacks/notification HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
                "Content-Length: 2", "Content-Length: 5"));

        assertEnvelope4xx(answer.status(), answer.body());
    }

    @Test
    void conflictingContentTypesAreRefused() {
        RawHttp.Answer answer = RawHttp.send(gateway.baseUri(), RawHttp.request("{}",
                "POST /callbacks/notification HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
                "Content-Type: text/xml", "Content-Length: 2"));

        assertThat(answer.status()).isBetween(400, 499);
    }

    @Test
    void twoAuthorizationHeadersAreRefused() {
        RawHttp.Answer answer = RawHttp.send(gateway.baseUri(), RawHttp.request("",
                "GET /secured/jobs HTTP/1.1", "Host: 127.0.0.1", "Authorization: Bearer " + adminToken,
                "Authorization: Bearer other"));

        assertEnvelope4xx(answer.status(), answer.body());
    }

    @Test
    void malformedPercentEncodingIsA4xxEnvelope() {
        RawHttp.Answer answer = RawHttp.send(gateway.baseUri(), RawHttp.request("",
                "GET /secured/jobs/%zz HTTP/1.1", "Host: 127.0.0.1"));

        assertEnvelope4xx(answer.status(), answer.body());
    }

    @Test
    void nonUtf8PathIsA4xxEnvelope() {
        byte[] request = RawHttp.request("", "GET /callbacks/%FF%FE HTTP/1.1", "Host: 127.0.0.1");

        RawHttp.Answer answer = RawHttp.send(gateway.baseUri(), request);

        assertEnvelope4xx(answer.status(), answer.body());
    }
}
