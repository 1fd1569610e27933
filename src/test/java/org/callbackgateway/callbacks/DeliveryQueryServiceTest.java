package org.callbackgateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeliveryQueryServiceTest {
    /** Within the partitions a fresh schema has (today and the days ahead). */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static TestDatabase database;
    private static DeliveryQueryService deliveries;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.migrated("delivery_query");
        deliveries = new DeliveryQueryService(database.jdbi());
        database.jdbi().useExtension(SignedDeliveryDao.class, dao -> {
            for (int i = 0; i < 5; i++) {
                byte[] body = ("{\"n\":" + i + ",\"repository\":{\"full_name\":\"snow-dog/" + (i % 2 == 0 ? "wc" : "other")
                        + "\"}}").getBytes(StandardCharsets.UTF_8);
                insert(dao, "github", "d" + i, "push", body, "verified", "received", T0.plusSeconds(i));
            }
            insert(dao, "github", null, null, new byte[] {(byte) 0xff, 0x00}, "rejected", "ignored", T0.plusSeconds(10));
            insert(dao, "acme", "m1", null, null, "rejected", "too_large", T0.plusSeconds(11));
            // Two deliveries received at the same instant: the cursor must tell them apart.
            insert(dao, "tie", "t1", "ping", "{}".getBytes(StandardCharsets.UTF_8), "verified", "received", T0.plusSeconds(20));
            insert(dao, "tie", "t2", "ping", "{}".getBytes(StandardCharsets.UTF_8), "verified", "received", T0.plusSeconds(20));
        });
    }

    private static void insert(SignedDeliveryDao dao, String source, String key, String event, byte[] body,
                               String verification, String processing, Instant at) {
        dao.insertSettled(source, key, event, "application/json", body, body == null ? 0 : body.length,
                "{}", null, PayloadJson.of(body), verification, null, processing, null, null, at, null, null, null);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    private static DeliveryQueryService.Page list(DeliveryFilter filter, int limit, String cursor, boolean body) {
        return deliveries.list(new DeliveryQuery(filter, limit, Optional.ofNullable(cursor), body));
    }

    @Test
    void pagesNewestFirstWithACursor() {
        DeliveryFilter github = DeliveryFilter.none().withSource("github").withOutcome("verified");
        DeliveryQueryService.Page first = list(github, 3, null, false);
        DeliveryQueryService.Page second = list(github, 3, first.nextCursor(), false);

        assertThat(first.deliveries()).extracting(DeliveryView::deliveryKey).containsExactly("d4", "d3", "d2");
        assertThat(second.deliveries()).extracting(DeliveryView::deliveryKey).containsExactly("d1", "d0");
        assertThat(second.nextCursor()).isNull();
        assertThat(first.deliveries().get(0).body()).isNull();
    }

    @Test
    void theCursorSeparatesDeliveriesOfTheSameInstant() {
        DeliveryFilter tie = DeliveryFilter.none().withSource("tie");
        DeliveryQueryService.Page first = list(tie, 1, null, false);
        DeliveryQueryService.Page second = list(tie, 1, first.nextCursor(), false);

        assertThat(first.deliveries()).extracting(DeliveryView::deliveryKey).containsExactly("t2");
        assertThat(second.deliveries()).extracting(DeliveryView::deliveryKey).containsExactly("t1");
    }

    @Test
    void filtersByOutcomeTimeRangeEventTypeAndDeliveryId() {
        assertThat(list(DeliveryFilter.none().withOutcome("too_large"), 50, null, false).deliveries())
                .extracting(DeliveryView::source).containsExactly("acme");
        assertThat(list(DeliveryFilter.none().withSource("github").withRange(Optional.of(T0.plusSeconds(1)),
                Optional.of(T0.plusSeconds(4))), 50, null, false).deliveries())
                .extracting(DeliveryView::deliveryKey).containsExactly("d3", "d2", "d1");
        DeliveryFilter ping = new DeliveryFilter(Optional.empty(), Optional.empty(), Optional.of("ping"),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        assertThat(list(ping, 50, null, false).deliveries()).hasSize(2);
        DeliveryFilter byKey = new DeliveryFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("d3"), List.of(), Optional.empty(), Optional.empty());
        assertThat(list(byKey, 50, null, false).deliveries()).extracting(DeliveryView::deliveryKey).containsExactly("d3");
        DeliveryFilter byJob = new DeliveryFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(UUID.randomUUID()), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        assertThat(list(byJob, 50, null, false).deliveries()).isEmpty();
    }

    @Test
    void filtersByAJsonPathOfThePayload() {
        DeliveryFilter wc = DeliveryFilter.none()
                .withPayload(PayloadCondition.path("repository.full_name", "snow-dog/wc", Json.newMapper()));
        assertThat(list(wc, 50, null, false).deliveries()).extracting(DeliveryView::deliveryKey)
                .containsExactly("d4", "d2", "d0");
        DeliveryFilter number = DeliveryFilter.none().withPayload(PayloadCondition.path("n", "3", Json.newMapper()));
        assertThat(list(number, 50, null, false).deliveries()).extracting(DeliveryView::deliveryKey)
                .containsExactly("d3");
        DeliveryFilter contains = DeliveryFilter.none().withPayload(
                PayloadCondition.contains("{\"repository\":{\"full_name\":\"snow-dog/other\"}}", Json.newMapper()));
        assertThat(list(contains, 50, null, false).deliveries()).extracting(DeliveryView::deliveryKey)
                .containsExactly("d3", "d1");
    }

    @Test
    void bodyOnRequestAsTextOrBase64() {
        DeliveryQueryService.Page page = list(DeliveryFilter.none().withSource("github"), 2, null, true);

        assertThat(page.deliveries().get(0).bodyBase64()).isEqualTo("/wA=");
        assertThat(page.deliveries().get(1).body()).startsWith("{\"n\":4");
    }

    @Test
    void aKeyedDeliveryRecordedInTheInboxHoldsItsKeyOnce() {
        DeliveryInbox inbox = new DeliveryInbox(database.jdbi());
        InboundDelivery delivery = new InboundDelivery("keyed", Optional.of("k-1"), Optional.empty(), Optional.empty(),
                Optional.of("{}".getBytes(StandardCharsets.UTF_8)), 2, T0);
        long id = database.jdbi().inTransaction(handle -> inbox.record(handle, delivery, Verification.UNSIGNED,
                Optional.empty(), Processing.RECEIVED));

        assertThat(database.count("SELECT delivery_id FROM delivery_keys WHERE source = 'keyed' AND delivery_key = 'k-1'"))
                .isEqualTo(id);
        assertThatThrownBy(() -> database.jdbi().useTransaction(handle -> inbox.record(handle, delivery,
                Verification.UNSIGNED, Optional.empty(), Processing.RECEIVED)))
                .satisfies(e -> assertThat(org.callbackgateway.db.DatabaseFailures.isUniqueViolation(e)).isTrue());
        assertThat(database.count("SELECT count(*) FROM deliveries WHERE source = 'keyed'")).isEqualTo(1);
    }

    @Test
    void badArgumentsAnswer400() {
        assertThatThrownBy(() -> list(DeliveryFilter.none().withOutcome("lost"), 50, null, false))
                .isInstanceOf(ApiException.class).hasMessageStartingWith("outcome must be one of");
        assertThatThrownBy(() -> list(DeliveryFilter.none(), 0, null, false)).isInstanceOf(ApiException.class);
        for (String cursor : List.of("abc", "12", "1.0", "-5.3", "99999999999999999999.1")) {
            assertThatThrownBy(() -> list(DeliveryFilter.none(), 50, cursor, false)).isInstanceOf(ApiException.class);
        }
        assertThatThrownBy(() -> PayloadCondition.path("a..b", "x", Json.newMapper())).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PayloadCondition.path("a", "nul\u0000", Json.newMapper())).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PayloadCondition.contains("[1]", Json.newMapper())).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> list(DeliveryFilter.none().withRange(Optional.of(T0), Optional.of(T0)), 50, null,
                false)).isInstanceOf(ApiException.class);
    }
}
