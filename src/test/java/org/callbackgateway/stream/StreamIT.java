package org.callbackgateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.Seeds;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateways on one database: status changes the notification agent reports to instance B reach the streams
 * open on instance A, in order, once each, only to the jobs' owner; a stream resumes after Last-Event-ID; it
 * ends with its token and when the gateway stops, and resumes after a restart; the per-caller cap answers 503.
 */
class StreamIT {
    private static final String[] SETTINGS = {
            "GATEWAY_EVENTS_POLL_MS", "100",
            "GATEWAY_STREAM_POLL_MS", "100",
            "GATEWAY_STREAM_HEARTBEAT_SECONDS", "1",
            "GATEWAY_STREAM_MAX_PER_CALLER", "3"};
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static TestDatabase database;
    // Restarted by the first test; the others use whichever instances run.
    private static GatewayServer a;
    private static GatewayServer b;
    private static String serviceToken;
    private static String cappedToken;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("stream_it");
        a = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(), SETTINGS));
        b = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(), SETTINGS));
        ApiClient admin = ApiClient.as(a.baseUri(), Admins.ID, Admins.KEY);
        String key = LeakWatch.remember(Http.json(expect(201, admin.post("/admin/clients",
                "{\"client_id\":\"apps\",\"role\":\"service\"}"))).get("client_key").asText());
        serviceToken = ApiClient.token(a.baseUri(), "apps", key);
        String cappedKey = LeakWatch.remember(Http.json(expect(201, admin.post("/admin/clients",
                "{\"client_id\":\"capped\",\"role\":\"admin\"}"))).get("client_key").asText());
        cappedToken = ApiClient.token(a.baseUri(), "capped", cappedKey);
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        b.close();
        database.close();
    }

    @Test
    void statusChangesCommittedOnOneInstanceReachTheOwnersStreamsOnTheOtherInOrderOnce() throws Exception {
        String alice = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        try (SseClient aliceStream = stream(a, "?user=" + alice, null);
             SseClient bobStream = stream(a, "?user=" + bob, null)) {
            assertThat(aliceStream.response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(aliceStream.response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(aliceStream.response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            String[] aliceJob = job(alice);
            String[] aliceOther = job(alice);
            String[] bobJob = job(bob);
            // Jobs start as Submitted: each of these is one change, committed through instance B.
            notify(b, aliceJob[1], "Running");
            notify(b, bobJob[1], "Running");
            notify(b, aliceJob[1], "Completed");
            notify(b, aliceOther[1], "Running");

            List<SseClient.Frame> received = aliceStream.take(3, WAIT);
            assertThat(received).extracting(frame -> frame.data().get("data").get("job_id").asText()
                    + " " + frame.data().get("data").get("new_status").asText())
                    .containsExactly(aliceJob[0] + " Running", aliceJob[0] + " Completed", aliceOther[0] + " Running");
            assertThat(received).allSatisfy(frame -> {
                assertThat(frame.event()).isEqualTo("job.status_changed");
                assertThat(frame.data().get("type").asText()).isEqualTo("job.status_changed");
                assertThat(frame.data().get("data").get("owner").asText()).isEqualTo(alice);
            });
            assertThat(received.get(0).id()).isLessThan(received.get(1).id());
            assertThat(received.get(1).id()).isLessThan(received.get(2).id());
            assertThat(bobStream.take(1, WAIT)).singleElement().satisfies(frame ->
                    assertThat(frame.data().get("data").get("job_id").asText()).isEqualTo(bobJob[0]));
            assertThat(aliceStream.more(Duration.ofMillis(1500))).isEmpty();
            assertThat(bobStream.more(Duration.ZERO)).isEmpty();
            assertThat(aliceStream.comments()).contains("heartbeat");

            // Reconnecting after the first event, on the other instance, returns exactly the two missed.
            try (SseClient resumed = stream(b, "?user=" + alice, Long.toString(received.get(0).id()))) {
                assertThat(resumed.take(2, WAIT)).extracting(SseClient.Frame::id)
                        .containsExactly(received.get(1).id(), received.get(2).id());
                assertThat(resumed.more(Duration.ofMillis(500))).isEmpty();
            }
            try (SseClient resumed = stream(a, "?user=" + alice + "&after=" + received.get(1).id(), null)) {
                assertThat(resumed.take(1, WAIT)).extracting(SseClient.Frame::id).containsExactly(received.get(2).id());
            }

            // Both instances stop with streams open (and end them), start again: the log still resumes exactly.
            long stopping = System.nanoTime();
            a.close();
            b.close();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
            assertThat(aliceStream.endsWithin(Duration.ofSeconds(5))).isTrue();
            a = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(), SETTINGS));
            b = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(), SETTINGS));
            try (SseClient resumed = stream(b, "?user=" + alice, Long.toString(received.get(0).id()))) {
                assertThat(resumed.take(2, WAIT)).extracting(SseClient.Frame::id)
                        .containsExactly(received.get(1).id(), received.get(2).id());
            }
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        String token = expiring(serviceToken, Instant.now().plusSeconds(2));
        HttpResponse<String> refused = Http.send(java.net.http.HttpRequest.newBuilder(a.uri("/secured/events"))
                .header("Authorization", "Bearer " + expiring(serviceToken, Instant.now().minusSeconds(120))));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.json(refused).get("error_code").asText()).isEqualTo("ERR_UNAUTHORIZED");
        try (SseClient stream = SseClient.open(a.uri("/secured/events?user=carol"), token, null)) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.endsWithin(Duration.ofMillis(500))).isFalse();
            assertThat(stream.endsWithin(Duration.ofSeconds(6))).isTrue();
        }
    }

    @Test
    void aStreamEndsWhenItsClientIsDisabledOnTheOtherInstanceWithinTheClientCacheBound() throws Exception {
        ApiClient admin = ApiClient.as(b.baseUri(), Admins.ID, Admins.KEY);
        String id = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        String key = LeakWatch.remember(Http.json(expect(201, admin.post("/admin/clients",
                "{\"client_id\":\"" + id + "\",\"role\":\"service\"}"))).get("client_key").asText());
        String token = LeakWatch.remember(ApiClient.token(a.baseUri(), id, key));
        try (SseClient stream = SseClient.open(a.uri("/secured/events?user=erin"), token, null)) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.endsWithin(Duration.ofMillis(500))).isFalse();
            expect(200, admin.post("/admin/clients/" + id + "/disable", ""));
            // Instance A learns of it when its client cache entry (GATEWAY_CLIENT_CACHE_SECONDS, 5 s) runs out,
            // long before the token's own expiry (15 min).
            assertThat(stream.endsWithin(Duration.ofSeconds(8))).isTrue();
        }
        HttpResponse<String> again = Http.send(java.net.http.HttpRequest.newBuilder(a.uri("/secured/events?user=erin"))
                .header("Authorization", "Bearer " + token));
        assertThat(again.statusCode()).isEqualTo(401);
    }

    @Test
    void aTicketOpensOneStreamWithoutTheTokenInTheUrl() throws Exception {
        String dave = "dave-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> issued = expect(201, service().post("/secured/events/tickets?user=" + dave, ""));
        String ticket = LeakWatch.remember(Http.json(issued).get("ticket").asText());
        URI url = b.uri("/secured/events?ticket=" + ticket);
        try (SseClient stream = SseClient.open(url, null, null)) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            String[] job = job(dave);
            notify(a, job[1], "Running");
            assertThat(stream.take(1, WAIT)).singleElement().satisfies(frame ->
                    assertThat(frame.data().get("data").get("job_id").asText()).isEqualTo(job[0]));
            HttpResponse<String> again = Http.send(java.net.http.HttpRequest.newBuilder(url));
            assertThat(again.statusCode()).isEqualTo(401);
            assertThat(Http.json(again).get("success").asBoolean()).isFalse();
        }
    }

    @Test
    void streamsBeyondTheCallersCapAreAnswered503() throws Exception {
        String token = cappedToken;
        try (SseClient one = SseClient.open(a.uri("/secured/events"), token, null);
             SseClient two = SseClient.open(a.uri("/secured/events?type=job.status_changed"), token, null);
             SseClient three = SseClient.open(a.uri("/secured/events"), token, null)) {
            assertThat(List.of(one, two, three)).allSatisfy(s -> assertThat(s.response.statusCode()).isEqualTo(200));
            HttpResponse<String> fourth = Http.send(java.net.http.HttpRequest.newBuilder(a.uri("/secured/events"))
                    .header("Authorization", "Bearer " + token));
            assertThat(fourth.statusCode()).isEqualTo(503);
            assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
            assertThat(Http.json(fourth).get("error_code").asText()).isEqualTo("ERR_UNAVAILABLE");
            assertThat(Http.json(fourth).get("success").asBoolean()).isFalse();
        }
    }

    private static ApiClient service() {
        return new ApiClient(a.baseUri(), serviceToken);
    }

    private static SseClient stream(GatewayServer gateway, String query, String lastEventId) throws Exception {
        SseClient client = SseClient.open(gateway.uri("/secured/events" + query), serviceToken, lastEventId);
        assertThat(client.response.statusCode()).isEqualTo(200);
        return client;
    }

    /** A DE job of {@code owner} with an external id: {id, external id}. */
    private static String[] job(String owner) {
        String id = Http.json(expect(201, service().post("/secured/jobs?user=" + owner,
                "{\"source\":\"de\",\"name\":\"wc\",\"app_id\":\"wc\",\"notify\":false}"))).get("id").asText();
        String externalId = UUID.randomUUID().toString().toUpperCase();
        expect(200, service().patch("/secured/jobs/" + id, "{\"external_id\":\"" + externalId + "\"}"));
        return new String[] {id, externalId};
    }

    private static void notify(GatewayServer gateway, String externalId, String status) {
        expect(200, Http.postJson(gateway.uri("/callbacks/notification"), Seeds.notification(externalId, status, "")));
    }

    /** The token endpoint's token with another expiry (and a new id), signed with the test gateways' key. */
    private static String expiring(String issued, Instant expiry) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(issued).getJWTClaimsSet();
        Instant issuedAt = claims.getIssueTime().toInstant();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder(claims)
                .issueTime(Date.from(expiry.isBefore(issuedAt) ? expiry.minusSeconds(60) : issuedAt))
                .notBeforeTime(null).expirationTime(Date.from(expiry)).jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new MACSigner(TestSettings.SIGNING_KEY.getBytes(StandardCharsets.UTF_8)));
        return LeakWatch.remember(jwt.serialize());
    }

    private static <T> HttpResponse<T> expect(int status, HttpResponse<T> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
