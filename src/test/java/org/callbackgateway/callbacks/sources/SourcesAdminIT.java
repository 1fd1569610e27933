package org.callbackgateway.callbacks.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.callbackgateway.callbacks.SignedDelivery;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sources admin API and the deliveries inspection API over HTTP, behind the bearer filter: an admin registers
 * GitHub with a generated secret, a GitHub-signed delivery is accepted and shows up in {@code /secured/deliveries}.
 */
class SourcesAdminIT {
    private static TestDatabase database;
    private static GatewayServer gateway;
    private static ApiClient admin;
    private static ApiClient service;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("sources_admin");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url()));
        admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
        String serviceKey = LeakWatch.remember(Http.json(admin.post("/admin/clients",
                "{\"client_id\":\"apps\",\"role\":\"service\"}")).get("client_key").asText());
        service = ApiClient.as(gateway.baseUri(), "apps", serviceKey);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
    }

    @Test
    void adminRegistersGithubAndTheDeliveryIsVisible() {
        assertThat(admin.post("/admin/sources", "{\"name\":\"github\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> added = admin.post("/admin/sources/github/secrets", "{\"label\":\"org webhook\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.headers().firstValue("Cache-Control")).contains("no-store");
        String secret = LeakWatch.remember(Http.json(added).get("secret").asText());
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);

        String body = "{\"zen\":\"Keep it logically awesome.\",\"repository\":{\"html_url\":\"https://github.com/o/r\"}}";
        HttpResponse<String> accepted = SignedDelivery.github().body(body).secret(secret).send(gateway.baseUri());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        HttpResponse<String> listed = admin.get("/secured/deliveries?source=github&body=true");
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode deliveries = Http.json(listed).get("deliveries");
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).get("verification").asText()).isEqualTo("verified");
        assertThat(deliveries.get(0).get("body").asText()).isEqualTo(body);

        HttpResponse<String> secrets = admin.get("/admin/sources/github/secrets");
        assertThat(secrets.body()).doesNotContain(secret);
        byte[] stored = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT ciphertext FROM source_secrets WHERE source = 'github'").mapTo(byte[].class).one());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
    }

    @Test
    void nonAdminsCannotManageSourcesNorReadDeliveries() {
        assertThat(service.get("/admin/sources").statusCode()).isEqualTo(403);
        assertThat(service.post("/admin/sources", "{\"name\":\"gitea\"}").statusCode()).isEqualTo(403);
        assertThat(service.get("/secured/deliveries").statusCode()).isEqualTo(403);
        assertThat(new ApiClient(gateway.baseUri(), null).get("/secured/deliveries").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownSourceIsNotFoundAndBadNamesAreRefused() {
        assertThat(admin.get("/admin/sources/nothing-here").statusCode()).isEqualTo(404);
        assertThat(admin.post("/admin/sources", "{\"name\":\"Bad Name!\"}").statusCode()).isEqualTo(400);
    }
}
