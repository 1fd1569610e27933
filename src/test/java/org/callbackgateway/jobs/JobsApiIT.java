package org.callbackgateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jobs API end to end, together with the notification callback that moves jobs.
 */
class JobsApiIT {
    private static TestDatabase database;
    private static GatewayServer gateway;
    private static ApiClient service;
    private static ApiClient user;
    private static String userId;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("jobs_api");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(),
                "GATEWAY_PUBLIC_BASE_URL", "https://gateway.example.org/cb/"));
        ApiClient admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
        service = ApiClient.as(gateway.baseUri(), "apps", key(admin, "apps", "service"));
        userId = "snow-dog";
        user = ApiClient.as(gateway.baseUri(), userId, key(admin, userId, "user"));
    }

    private static String key(ApiClient admin, String clientId, String role) {
        return LeakWatch.remember(Http.json(admin.post("/admin/clients",
                "{\"client_id\":\"" + clientId + "\",\"role\":\"" + role + "\"}")).get("client_key").asText());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
    }

    private static JsonNode register(ApiClient client, String body) {
        HttpResponse<String> response = client.post("/secured/jobs", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    @Test
    void registerSetExternalIdMoveWithANotificationAndReadTheHistory() {
        JsonNode job = register(service, "{\"source\":\"agave\",\"name\":\"wc_10081655\",\"app_id\":\"wc-1.0\"}");
        String id = job.get("id").asText();
        assertThat(job.get("status").asText()).isEqualTo("Submitted");
        assertThat(job.get("owner").asText()).isEqualTo("apps");
        assertThat(job.get("callback_url").asText())
                .isEqualTo("https://gateway.example.org/cb/callbacks/agave-job/" + id);

        String externalId = "agave-" + UUID.randomUUID();
        HttpResponse<String> patched = service.patch("/secured/jobs/" + id, "{\"external_id\":\"" + externalId + "\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(Http.json(patched).get("external_id").asText()).isEqualTo(externalId);

        HttpResponse<String> moved = Http.postJson(gateway.uri("/callbacks/notification"),
                Seeds.notification(externalId, "Running", ""));
        assertThat(moved.statusCode()).isEqualTo(200);

        JsonNode read = Http.json(service.get("/secured/jobs/" + id));
        assertThat(read.get("status").asText()).isEqualTo("Running");
        JsonNode history = read.get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("old_status").asText()).isEqualTo("Submitted");
        assertThat(history.get(0).get("new_status").asText()).isEqualTo("Running");
        assertThat(history.get(0).get("outcome").asText()).isEqualTo("applied");
        assertThat(history.get(0).get("origin").asText()).isEqualTo("notification");
    }

    @Test
    void externalIdIsSetOnce() {
        String id = register(user, "{\"source\":\"agave\",\"name\":\"once\"}").get("id").asText();
        String first = "x-" + UUID.randomUUID();

        assertThat(user.patch("/secured/jobs/" + id, "{\"external_id\":\"" + first + "\"}").statusCode()).isEqualTo(200);
        assertThat(user.patch("/secured/jobs/" + id, "{\"external_id\":\"" + first + "\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> second = user.patch("/secured/jobs/" + id, "{\"external_id\":\"other\"}");

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(Http.json(second).get("error_code").asText()).isEqualTo("ERR_CONFLICT");
    }

    @Test
    void anExternalIdUsedByAnotherJobOfTheSourceIsAConflict() {
        String externalId = "dup-" + UUID.randomUUID();
        register(user, "{\"source\":\"tapis\",\"name\":\"a\",\"external_id\":\"" + externalId + "\"}");

        HttpResponse<String> response = user.post("/secured/jobs",
                "{\"source\":\"tapis\",\"name\":\"b\",\"external_id\":\"" + externalId + "\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Http.json(response).get("message").asText())
                .isEqualTo("another tapis job already has external id " + externalId);
    }

    @Test
    void tapisJobsGetTheTapisCallbackUrl() {
        JsonNode job = register(user, "{\"source\":\"tapis\",\"name\":\"t\"}");

        assertThat(job.get("callback_url").asText()).endsWith("/callbacks/tapis-job/" + job.get("id").asText());
    }

    @Test
    void listingPagesWithAStableCursorAndSeesOnlyOwnJobs() {
        String source = "pg" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 5; i++) {
            register(user, "{\"source\":\"" + source + "\",\"name\":\"job " + i + "\"}");
        }
        register(service, "{\"source\":\"" + source + "\",\"name\":\"not the user's\"}");

        Set<String> seen = new HashSet<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = Http.json(user.get("/secured/jobs?source=" + source + "&limit=2"
                    + (cursor.isEmpty() ? "" : "&cursor=" + cursor)));
            for (JsonNode job : page.get("jobs")) {
                assertThat(job.get("owner").asText()).isEqualTo(userId);
                assertThat(seen.add(job.get("id").asText())).isTrue();
            }
            cursor = page.get("next_cursor").isNull() ? "" : page.get("next_cursor").asText();
            pages++;
        } while (!cursor.isEmpty() && pages < 10);

        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);
        assertThat(Http.json(service.get("/secured/jobs?source=" + source)).get("jobs")).hasSize(6);
        assertThat(Http.json(service.get("/secured/jobs?source=" + source + "&status=Running")).get("jobs")).isEmpty();
    }

    @Test
    void usersCannotListSomeoneElsesJobs() {
        assertThat(user.get("/secured/jobs?owner=apps").statusCode()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing source    | {\"name\":\"x\"}                          | source must be 1 to 63 lower-case letters, digits, '_' or '-'",
            "upper-case source | {\"source\":\"Agave\",\"name\":\"x\"}     | source must be 1 to 63 lower-case letters, digits, '_' or '-'",
            "missing name      | {\"source\":\"agave\"}                    | name is required",
            "blank name        | {\"source\":\"agave\",\"name\":\" \"}     | name is required",
    })
    void registerRefusesBadInputWithAMessage(String ignored, String body, String message) {
        HttpResponse<String> response = user.post("/secured/jobs", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("message").asText()).isEqualTo(message);
    }

    @Test
    void registerRefusesMalformedJson() {
        HttpResponse<String> response = user.post("/secured/jobs", "{\"source\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error_code").asText()).isEqualTo("ERR_BAD_REQUEST");
    }

    @Test
    void badIdsAndCursorsAndLimitsAreBadRequests() {
        assertThat(user.get("/secured/jobs/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(user.get("/secured/jobs?cursor=garbage").statusCode()).isEqualTo(400);
        assertThat(user.get("/secured/jobs?limit=0").statusCode()).isEqualTo(400);
        assertThat(user.get("/secured/jobs?limit=lots").statusCode()).isEqualTo(400);
        assertThat(user.get("/secured/jobs?status=Sleeping").statusCode()).isEqualTo(400);
        assertThat(user.get("/secured/jobs/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }
}
