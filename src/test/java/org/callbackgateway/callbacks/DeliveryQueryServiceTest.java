package org.callbackgateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.web.ApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeliveryQueryServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    private static TestDatabase database;
    private static DeliveryQueryService deliveries;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.migrated("delivery_query");
        deliveries = new DeliveryQueryService(database.jdbi());
        database.jdbi().useExtension(SignedDeliveryDao.class, dao -> {
            for (int i = 0; i < 5; i++) {
                dao.insertSettled("github", "d" + i, "push", "application/json",
                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), 7, "{\"x-github-event\":\"push\"}",
                        "verified", "sha256 HMAC matched", "received", null, null, T0.plusSeconds(i));
            }
            dao.insertSettled("github", null, null, null, new byte[] {(byte) 0xff, 0x00}, 2, "{}", "rejected",
                    "missing X-Hub-Signature-256 header", "ignored", "not verified", null, T0.plusSeconds(10));
            dao.insertSettled("acme", "m1", null, null, null, 0, "{}", "rejected", "too large", "too_large", null,
                    null, T0.plusSeconds(11));
        });
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    private static DeliveryQuery query(String source, String outcome, Instant since, int limit, String cursor,
                                       boolean body) {
        return new DeliveryQuery(Optional.ofNullable(source), Optional.ofNullable(outcome), Optional.ofNullable(since),
                limit, Optional.ofNullable(cursor), body);
    }

    @Test
    void filtersByEventType() {
        DeliveryQueryService.Page pushes = deliveries.list(new DeliveryQuery(Optional.empty(), Optional.empty(),
                Optional.empty(), 50, Optional.empty(), false, Optional.of("push")));

        assertThat(pushes.deliveries()).hasSize(5).allSatisfy(delivery ->
                assertThat(delivery.eventType()).isEqualTo("push"));
    }

    @Test
    void pagesNewestFirstWithACursor() {
        DeliveryQueryService.Page first = deliveries.list(query("github", "verified", null, 3, null, false));
        DeliveryQueryService.Page second = deliveries.list(query("github", "verified", null, 3, first.nextCursor(), false));

        assertThat(first.deliveries()).extracting(DeliveryView::deliveryKey).containsExactly("d4", "d3", "d2");
        assertThat(second.deliveries()).extracting(DeliveryView::deliveryKey).containsExactly("d1", "d0");
        assertThat(second.nextCursor()).isNull();
        assertThat(first.deliveries().get(0).body()).isNull();
    }

    @Test
    void filtersByProcessingOutcomeAndSince() {
        assertThat(deliveries.list(query(null, "too_large", null, 50, null, false)).deliveries())
                .extracting(DeliveryView::source).containsExactly("acme");
        assertThat(deliveries.list(query("github", null, T0.plusSeconds(4), 50, null, false)).deliveries())
                .hasSize(2);
    }

    @Test
    void bodyOnRequestAsTextOrBase64() {
        DeliveryQueryService.Page page = deliveries.list(query("github", null, null, 2, null, true));

        assertThat(page.deliveries().get(0).bodyBase64()).isEqualTo("/wA=");
        assertThat(page.deliveries().get(1).body()).isEqualTo("{\"n\":4}");
        assertThat(page.deliveries().get(1).headers()).contains("x-github-event");
    }

    @Test
    void badArgumentsAnswer400() {
        assertThatThrownBy(() -> deliveries.list(query(null, "lost", null, 50, null, false)))
                .isInstanceOf(ApiException.class).hasMessageStartingWith("outcome must be one of");
        assertThatThrownBy(() -> deliveries.list(query(null, null, null, 0, null, false)))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> deliveries.list(query(null, null, null, 50, "abc", false)))
                .isInstanceOf(ApiException.class);
    }
}
