package org.callbackgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.ClockedGateway;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V9 on a database filled by the schema before it: every delivery kept (now in the first partition), accepted
 * keys still held, history rows still pointing at their deliveries, and the gateway working on the result.
 */
class PartitioningMigrationIT {

    @Test
    void convertsAFilledDeliveriesTableWithoutLosingRows() throws Exception {
        try (TestDatabase database = TestDatabase.empty("v9_migration")) {
            Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").target("5")
                    .load().migrate();
            UUID job = UUID.randomUUID();
            database.jdbi().useHandle(handle -> {
                handle.execute("INSERT INTO jobs (id, source, external_id, owner, name, status) "
                        + "VALUES (?, 'de', 'OLD-1', 'snow-dog', 'wc', 'Running')", job);
                // 3,000 deliveries over the last 60 days: accepted with keys, refused, and repeats.
                handle.execute("""
                        INSERT INTO deliveries (source, delivery_key, event_type, content_type, body, body_size,
                                                verification, processing, job_id, received_at, headers)
                        SELECT 'github', CASE WHEN g % 3 = 0 THEN NULL ELSE 'key-' || g END, 'push', 'application/json',
                               convert_to('{"n":' || g || '}', 'UTF8'), 8,
                               CASE WHEN g % 3 = 0 THEN 'rejected' ELSE 'verified' END, 'applied',
                               CASE WHEN g = 1 THEN CAST(? AS uuid) END,
                               now() - interval '60 days' + interval '60 days' * g / 3000, '{}'
                          FROM generate_series(1, 3000) g
                        """, job);
                handle.execute("""
                        INSERT INTO deliveries (source, body, body_size, verification, processing, duplicate_of,
                                                received_at)
                        SELECT 'github', body, body_size, 'verified', 'duplicate', id, received_at + interval '1 second'
                          FROM deliveries WHERE delivery_key = 'key-2'
                        """);
                handle.execute("""
                        INSERT INTO job_status_updates (job_id, delivery_id, origin, old_status, new_status, outcome,
                                                        created_at)
                        SELECT job_id, id, 'github', 'Submitted', 'Running', 'applied', received_at
                          FROM deliveries WHERE job_id IS NOT NULL
                        """);
            });
            long before = database.count("SELECT count(*) FROM deliveries");
            long checksum = database.count("SELECT sum(id * body_size) FROM deliveries");

            new Migrations(database.dataSource()).migrate();

            assertThat(database.count("SELECT count(*) FROM deliveries")).isEqualTo(before).isEqualTo(3001);
            assertThat(database.count("SELECT sum(id * body_size) FROM deliveries")).isEqualTo(checksum);
            assertThat(database.count("SELECT count(*) FROM deliveries_legacy")).isEqualTo(3001);
            assertThat(database.count("SELECT count(*) FROM delivery_keys")).isEqualTo(2000);
            assertThat(database.count("SELECT count(*) FROM delivery_keys WHERE delivery_key = 'key-3'")).isZero();
            List<String> partitions = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT name FROM delivery_partitions ORDER BY upper_bound").mapTo(String.class).list());
            assertThat(partitions.get(0)).isEqualTo("deliveries_legacy");
            assertThat(partitions).hasSizeGreaterThanOrEqualTo(8);

            try (ClockedGateway gateway = ClockedGateway.start(TestSettings.gatewayWithAdmin(database.url()),
                    Clock.systemUTC())) {
                ApiClient admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
                JsonNode history = Http.json(admin.get("/secured/jobs/" + job)).get("history");
                assertThat(history).hasSize(1);
                assertThat(history.get(0).has("delivery_expired")).isFalse();
                JsonNode repeats = Http.json(admin.get("/secured/deliveries?delivery=key-2")).get("deliveries");
                assertThat(repeats).hasSize(2);
                assertThat(Http.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/callbacks/notification"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"analysis\",\"payload\":{\"action\":"
                                + "\"job_status_change\",\"id\":\"OLD-1\",\"status\":\"Completed\",\"enddate\":\"\"}}")))
                        .statusCode()).isEqualTo(200);
                long newest = database.count("SELECT max(id) FROM deliveries");
                assertThat(newest).isGreaterThan(3001);
                JsonNode all = Http.json(admin.get("/secured/deliveries?limit=200")).get("deliveries");
                assertThat(all.get(0).get("id").asLong()).isEqualTo(newest);
            }
        }
    }
}
