package org.callbackgateway.forwarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.Seeds;

/**
 * What the forwarding tests do against a running gateway: register subscriptions and a Standard Webhooks source,
 * send signed webhooks and job status changes the way their senders do, wait for things to happen.
 */
final class ForwardingFixture {
    /** The settings of a test gateway that forwards fast: short polls and backoff, a 10 s horizon. */
    static final String[] FAST = {
            "GATEWAY_SUBSCRIPTIONS_ALLOW_PRIVATE", "true",
            "GATEWAY_EVENTS_POLL_MS", "100",
            "GATEWAY_FORWARDING_POLL_MS", "100",
            "GATEWAY_FORWARDING_RETRY_INITIAL_MS", "200",
            "GATEWAY_FORWARDING_RETRY_MAX_SECONDS", "1",
            "GATEWAY_FORWARDING_HORIZON_SECONDS", "10",
            "GATEWAY_FORWARDING_CIRCUIT_FAILURES", "5",
            "GATEWAY_FORWARDING_CIRCUIT_PROBE_SECONDS", "1"};

    private final List<URI> gateways;
    final ApiClient admin;
    private ApiClient service;
    private String sourceSecret;

    ForwardingFixture(URI... gateways) {
        this.gateways = List.of(gateways);
        this.admin = ApiClient.as(gateways[0], Admins.ID, Admins.KEY);
    }

    URI gateway(int index) {
        return gateways.get(index % gateways.size());
    }

    /** A Standard Webhooks source {@code name} with a secret, and a service client for jobs. */
    void prepare(String source) {
        expect(201, admin.post("/admin/sources", "{\"name\":\"" + source + "\"}"));
        sourceSecret = LeakWatch.remember(Http.json(expect(201, admin.post("/admin/sources/" + source + "/secrets",
                "{}"))).get("secret").asText());
        String key = LeakWatch.remember(Http.json(expect(201, admin.post("/admin/clients",
                "{\"client_id\":\"apps\",\"role\":\"service\"}"))).get("client_key").asText());
        service = ApiClient.as(gateways.get(0), "apps", key);
    }

    /** A subscription to {@code url} with further fields ({@code ,"timeout_ms":300}); its id and secret. */
    String[] subscribe(URI url, String extraFields) {
        JsonNode created = Http.json(expect(201, admin.post("/admin/subscriptions",
                "{\"url\":\"" + url + "\"" + extraFields + "}")));
        return new String[] {created.get("subscription").get("id").asText(),
                LeakWatch.remember(created.get("secret").asText())};
    }

    JsonNode subscription(String id) {
        return Http.json(expect(200, admin.get("/admin/subscriptions/" + id)));
    }

    List<JsonNode> attempts(String id) {
        List<JsonNode> all = new ArrayList<>();
        Http.json(expect(200, admin.get("/admin/subscriptions/" + id + "/attempts?limit=200")))
                .get("attempts").forEach(all::add);
        return all;
    }

    /** A signed Standard Webhooks delivery of {@code source}, as a sender makes one; answers its status. */
    int sendWebhook(int gateway, String source, String messageId, String body) {
        long timestamp = Instant.now().getEpochSecond();
        String signature;
        try {
            signature = new Webhook(sourceSecret).sign(messageId, timestamp, body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return Http.send(HttpRequest.newBuilder(gateway(gateway).resolve("/callbacks/webhooks/" + source))
                .header("Content-Type", "application/json")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode();
    }

    /** A job of the DE registered for {@code owner}, with an external id; its id. */
    String registerJob(String owner, String externalId) {
        String id = Http.json(expect(201, service.post("/secured/jobs?user=" + owner,
                "{\"source\":\"de\",\"name\":\"wc\",\"app_id\":\"wc\",\"notify\":true}"))).get("id").asText();
        expect(200, service.patch("/secured/jobs/" + id, "{\"external_id\":\"" + externalId + "\"}"));
        return id;
    }

    /** The notification agent's status change for an external id; answers its status. */
    int notify(int gateway, String externalId, String status) {
        return Http.postJson(gateway(gateway).resolve("/callbacks/notification"),
                Seeds.notification(externalId, status, "")).statusCode();
    }

    static String newExternalId() {
        return UUID.randomUUID().toString().toUpperCase();
    }

    static void await(Duration limit, String what, BooleanSupplier done) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
