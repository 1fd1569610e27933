package org.callbackgateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans of searches on a table of many daily partitions: a page must be read from the indexes of the newest
 * partitions that hold matches, never by reading every match of every partition or every row of one.
 */
class DeliverySearchPlanTest {
    private static final int DAYS = 12;
    private static final int ROWS_A_DAY = 4000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static TestDatabase database;

    @BeforeAll
    static void fill() {
        database = TestDatabase.migrated("delivery_search_plans");
        database.jdbi().useHandle(handle -> {
            handle.execute("SELECT delivery_partitions_ensure((now() AT TIME ZONE 'UTC')::date - " + DAYS
                    + ", (now() AT TIME ZONE 'UTC')::date)");
            // Days 1..DAYS back; each day's deliveries: one in ten from a busy repository (400 a day), one in a
            // hundred from a medium one, the others from 1,000 quiet ones (4 a day each, fewer for those ending in
            // 5); one day (the oldest) also has the only not_found deliveries.
            handle.execute("""
                    INSERT INTO deliveries (source, delivery_key, event_type, content_type, body, body_size, payload,
                                            verification, processing, received_at)
                    SELECT 'github', 'key-' || g, 'push', 'application/json', convert_to(doc, 'UTF8'),
                           octet_length(doc), doc::jsonb, 'verified',
                           CASE WHEN day = ? AND g % 100 = 0 THEN 'not_found' ELSE 'received' END,
                           date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                               - make_interval(days => day) + make_interval(secs => (g % ?) * 86400.0 / ?)
                      FROM generate_series(0, ? * ? - 1) g
                     CROSS JOIN LATERAL (SELECT 1 + g / ? AS day) d
                     CROSS JOIN LATERAL (SELECT CASE WHEN g % 10 = 0 THEN 'busy' WHEN g % 100 = 5 THEN 'medium'
                                                 ELSE 'pipeline-' || g % 1000 END AS repo) r
                     CROSS JOIN LATERAL (SELECT format('{"ref":"refs/heads/main","after":"%s",'
                            '"repository":{"full_name":"lab/%s","html_url":"https://github.com/lab/%s"},'
                            '"head_commit":{"message":"%s"}}', md5(g::text), r.repo, r.repo, repeat('x', 600)) AS doc) b
                    """, DAYS, ROWS_A_DAY, ROWS_A_DAY, DAYS, ROWS_A_DAY, ROWS_A_DAY);
            handle.execute("ANALYZE deliveries");
        });
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aCommonValueIsReadFromTheNewestRowsInOrder() {
        DeliveryFilter filter = filter("payload.repository.full_name", "lab/busy");

        JsonNode plan = explain(query(filter, 20, null));

        assertThat(scans(plan, "Seq Scan")).isEmpty();
        assertThat(scans(plan, "Bitmap Index Scan")).isEmpty();
        // One row in ten: the newest 210 rows of the newest day hold the page and the row after it.
        assertThat(plan.path("Plans")).hasSize(1);
        assertThat(rowsRead(plan)).isLessThanOrEqualTo(210);
        assertThat(ids(query(filter, 20, null))).isEqualTo(reference(
                "payload @> '{\"repository\":{\"full_name\":\"lab/busy\"}}'", 20));
    }

    @Test
    void aValueTheFirstProbeNearlyFoundIsReadOnInOrder() {
        DeliveryFilter filter = filter("payload.repository.full_name", "lab/medium");

        JsonNode plan = explain(query(filter, 30, null));

        // One row in a hundred: the first 2,000 rows hold 20 of the 31 wanted, a longer probe the rest. (It asks
        // for more rows than this small day holds, so it may read the partition whole instead of by its index.)
        assertThat(scans(plan, "Bitmap Index Scan")).isEmpty();
        assertThat(plan.path("Plans")).hasSize(2);
        assertThat(rowsRead(plan)).isLessThanOrEqualTo(DayByDaySearch.PROBE_ROWS + ROWS_A_DAY);
        assertThat(ids(query(filter, 30, null))).isEqualTo(reference(
                "payload @> '{\"repository\":{\"full_name\":\"lab/medium\"}}'", 30));
    }

    @Test
    void aRareValueIsReadFromTheGinIndexOfTheNewestDaysThatHoldIt() {
        DeliveryFilter filter = filter("payload.repository.full_name", "lab/pipeline-7");

        JsonNode plan = explain(query(filter, 20, null));

        assertThat(scans(plan, "Seq Scan")).isEmpty();
        assertThat(scans(plan, "Bitmap Index Scan")).isNotEmpty().allMatch(node -> node.path("Index Name").asText()
                .endsWith("_payload_idx"));
        // Four a day: days 1, 2-3 and 4-7, each probed (its newest 2,000 rows) and then read from its GIN index;
        // the days before are never read.
        assertThat(plan.path("Plans")).hasSize(6);
        assertThat(plan.toString()).doesNotContain(partition(8));
        assertThat(rowsRead(plan)).isLessThanOrEqualTo(3 * DayByDaySearch.PROBE_ROWS + 7 * 4);
        assertThat(ids(query(filter, 20, null))).isEqualTo(reference(
                "payload @> '{\"repository\":{\"full_name\":\"lab/pipeline-7\"}}'", 20));
    }

    @Test
    void aPayloadConditionNothingMeetsReadsOnlyTheProbes() {
        JsonNode plan = explain(query(filter("payload.repository.full_name", "nobody/nothing"), 50, null));

        assertThat(scans(plan, "Seq Scan")).isEmpty();
        assertThat(scans(plan, "Bitmap Heap Scan")).isEmpty();
        // The 12 days in windows of 1, 2, 4 and 5 days, each probed and then answered from its GIN indexes.
        assertThat(plan.path("Plans")).hasSize(8);
        assertThat(rowsRead(plan)).isLessThanOrEqualTo(4 * DayByDaySearch.PROBE_ROWS);
    }

    @Test
    void theCursorSkipsTheNewerPartitions() {
        DeliveryFilter filter = filter("payload.repository.full_name", "lab/pipeline-7");
        DeliveryQueryService service = new DeliveryQueryService(database.jdbi());
        String cursor = service.list(new DeliveryQuery(filter, 10, Optional.empty(), false)).nextCursor();

        JsonNode plan = explain(query(filter, 20, cursor));

        // The tenth match lies three days back: the partitions of the days after it are not planned.
        assertThat(plan.toString()).doesNotContain(partition(1)).doesNotContain(partition(2))
                .contains(partition(3));
        assertThat(ids(query(filter, 20, cursor))).isEqualTo(reference(
                "payload @> '{\"repository\":{\"full_name\":\"lab/pipeline-7\"}}'", 30).subList(10, 30));
    }

    @Test
    void aRareOutcomeIsReadFromTheIndexOfRefusedDeliveries() {
        DeliveryFilter filter = DeliveryFilter.none().withOutcome("not_found");

        JsonNode plan = explain(query(filter, 20, null));

        // The only not_found deliveries are 40 of the oldest day's: walking the received-time index to them would
        // read every delivery of the newer days.
        assertThat(scans(plan, "Seq Scan")).isEmpty();
        assertThat(rowsRead(plan)).isLessThanOrEqualTo(40);
        assertThat(plan.toString()).contains("_refused_idx");
        assertThat(ids(query(filter, 20, null))).isEqualTo(reference("processing = 'not_found'", 20));
    }

    @Test
    void aDeliveryIdIsReadFromItsIndex() {
        DeliveryFilter filter = filter("delivery", "key-5000");

        JsonNode plan = explain(query(filter, 20, null));

        assertThat(scans(plan, "Seq Scan")).isEmpty();
        assertThat(rowsRead(plan)).isLessThanOrEqualTo(5);
        assertThat(ids(query(filter, 20, null))).isEqualTo(reference("delivery_key = 'key-5000'", 20)).hasSize(1);
    }

    private static DeliveryFilter filter(String name, String value) {
        jakarta.ws.rs.core.MultivaluedMap<String, String> parameters = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        parameters.add(name, value);
        return new DeliveryFilters(MAPPER).fromQuery(parameters);
    }

    private static DeliveryQuery query(DeliveryFilter filter, int limit, String cursor) {
        return new DeliveryQuery(filter, limit, Optional.ofNullable(cursor), false);
    }

    private static String partition(int daysBack) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT 'deliveries_' || to_char((now() AT TIME ZONE 'UTC')::date - :days, 'YYYYMMDD')")
                .bind("days", daysBack).mapTo(String.class).one());
    }

    /**
     * The plans of the page's statements, run as the service runs them, with what each node actually did, as
     * the children of one node.
     */
    private static JsonNode explain(DeliveryQuery query) {
        com.fasterxml.jackson.databind.node.ObjectNode all = MAPPER.createObjectNode().put("Node Type", "Statements");
        com.fasterxml.jackson.databind.node.ArrayNode plans = all.putArray("Plans");
        database.jdbi().useHandle(handle -> DeliveryQueryService.page(query, handle, (statement, wanted) -> {
            String json = handle.createQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.sql())
                    .bindMap(statement.bindings()).mapTo(String.class).one();
            try {
                plans.add(MAPPER.readTree(json).get(0).get("Plan"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return statement.query(handle).map((rs, ctx) -> rs.getLong("id")).list();
        }));
        return all;
    }

    private static List<Long> ids(DeliveryQuery query) {
        return new DeliveryQueryService(database.jdbi()).list(query).deliveries().stream().map(DeliveryView::id).toList();
    }

    private static List<Long> reference(String condition, int limit) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM deliveries WHERE " + condition
                + " ORDER BY received_at DESC, id DESC LIMIT " + limit).mapTo(Long.class).list());
    }

    /** The scan nodes of a kind (exactly that node type) that read a row: the empty partitions ahead are seq
     * scanned, which reads nothing. */
    private static List<JsonNode> scans(JsonNode plan, String type) {
        List<JsonNode> found = new ArrayList<>();
        walk(plan, node -> {
            if (node.path("Node Type").asText().equals(type) && node.path("Actual Rows").asLong()
                    + node.path("Rows Removed by Filter").asLong() > 0) {
                found.add(node);
            }
        });
        return found;
    }

    /** Heap rows the plan fetched from the table (what it read to find the page). */
    private static long rowsRead(JsonNode plan) {
        long[] rows = {0};
        walk(plan, node -> {
            String type = node.path("Node Type").asText();
            if (type.equals("Bitmap Heap Scan") || type.equals("Seq Scan") || type.equals("Index Scan")) {
                rows[0] += node.path("Actual Rows").asLong() * node.path("Actual Loops").asLong()
                        + node.path("Rows Removed by Filter").asLong() + node.path("Rows Removed by Index Recheck").asLong();
            }
        });
        return rows[0];
    }

    private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visitor) {
        visitor.accept(node);
        for (JsonNode child : node.path("Plans")) {
            walk(child, visitor);
        }
    }
}
