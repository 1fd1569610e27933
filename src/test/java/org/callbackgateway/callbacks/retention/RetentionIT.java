package org.callbackgateway.callbacks.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.SignedDelivery;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.NewJob;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.ClockedGateway;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.MovableClock;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retention over 40 days of a clock moved by hand: partitions created ahead and dropped behind, a duplicate
 * across a partition boundary still answered as one, nothing within the window lost, the shorter retention of
 * one source applied by deletes.
 */
class RetentionIT {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final Instant START = Instant.now();

    private static TestDatabase database;
    private static MovableClock clock;
    private static ClockedGateway gateway;
    private static ApiClient admin;
    private static String secret;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("retention_it");
        clock = new MovableClock(START);
        gateway = ClockedGateway.start(TestSettings.gatewayWithAdmin(database.url(),
                "GATEWAY_RETENTION_DAYS", "30", "GATEWAY_RETENTION_SOURCE_DAYS", "notification=7",
                "GATEWAY_RETENTION_INTERVAL_MINUTES", "1440"), clock);
        admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
        assertThat(admin.post("/admin/sources", "{\"name\":\"github\"}").statusCode()).isEqualTo(201);
        secret = LeakWatch.remember(Http.json(admin.post("/admin/sources/github/secrets", "{}")).get("secret").asText());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        database.close();
    }

    private static HttpResponse<String> github(String deliveryId) {
        return SignedDelivery.github().body("{\"zen\":\"" + deliveryId + "\",\"repository\":{\"html_url\":"
                + "\"https://github.com/snow-dog/wc\"}}").secret(secret).deliveryId(deliveryId).send(gateway.baseUri());
    }

    private static boolean duplicate(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).path("duplicate").asBoolean(false);
    }

    private static String partition(int day) {
        return "deliveries_" + LocalDate.ofInstant(START, ZoneOffset.UTC).plusDays(day).format(DAY);
    }

    private static List<String> partitions() {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT name FROM delivery_partitions ORDER BY name").mapTo(String.class).list());
    }

    private static void moveTo(int day) {
        clock.advance(Duration.between(clock.instant(), START.plus(Duration.ofDays(day))));
        gateway.application().module(RetentionModule.class).runNow();
    }

    @Test
    void fortyDaysOfRetention() {
        Job job = new JobService(database.jdbi(), clock).register(new NewJob("de", Optional.of("RET-1"), "snow-dog",
                "wc", Optional.empty(), JobStatus.SUBMITTED, Optional.empty(), false));
        assertThat(Http.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/callbacks/notification"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"analysis\",\"payload\":{\"action\":"
                        + "\"job_status_change\",\"id\":\"RET-1\",\"status\":\"Running\",\"enddate\":\"\"}}")))
                .statusCode()).isEqualTo(200);
        assertThat(duplicate(github("day-0"))).isFalse();
        assertThat(partitions()).contains(partition(0), partition(7));

        moveTo(15);
        assertThat(partitions()).contains(partition(0), partition(15), partition(22));
        // The notification source keeps 7 days: its day-0 row is deleted, github's is not.
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE source = 'notification'")).isZero();
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE source = 'github'")).isEqualTo(1);
        assertThat(duplicate(github("day-15"))).isFalse();

        moveTo(16);
        assertThat(duplicate(github("day-15"))).as("a repeat the next day, in the next partition").isTrue();
        List<String> holding = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT DISTINCT tableoid::regclass::text FROM deliveries WHERE headers->>'x-github-delivery' = 'day-15'")
                .mapTo(String.class).list());
        assertThat(holding).containsExactlyInAnyOrder(partition(15), partition(16));

        moveTo(40);
        List<String> now = partitions();
        assertThat(now).doesNotContain(partition(0), partition(9)).contains(partition(15), partition(16),
                partition(39), partition(47));
        // Within the window: kept, and its key still de-duplicates.
        assertThat(duplicate(github("day-15"))).isTrue();
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE headers->>'x-github-delivery' = 'day-15'"))
                .isEqualTo(3);
        // Past the window: the delivery and its key are gone, so the same id is new again.
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE headers->>'x-github-delivery' = 'day-0'"))
                .isZero();
        assertThat(duplicate(github("day-0"))).isFalse();

        JsonNode history = Http.json(admin.get("/secured/jobs/" + job.id())).get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("delivery_expired").asBoolean()).isTrue();
        assertThat(history.get(0).get("new_status").asText()).isEqualTo("Running");

        // As of the round at day 40: the day-15 delivery and its day-16 repeat.
        String metrics = Http.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/metrics")).GET()).body();
        assertThat(metrics).contains("gateway_deliveries_rows{source=\"github\"} 2.0")
                .contains("gateway_deliveries_partitions ")
                .containsPattern("gateway_deliveries_oldest_partition_start_seconds [0-9.E]+");
    }
}
