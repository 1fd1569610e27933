package org.callbackgateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.callbackgateway.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeliverySummaryServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:30:00Z");

    private static TestDatabase database;
    private static DeliverySummary summary;

    @BeforeAll
    static void summarize() {
        database = TestDatabase.migrated("delivery_summary");
        // Deliveries are partitioned by day: the days of this fixed clock need their partitions.
        database.jdbi().useHandle(handle -> handle.createQuery(
                "SELECT delivery_partitions_ensure(date '2026-11-20', date '2026-11-23')").mapTo(Integer.class).one());
        database.jdbi().useExtension(SignedDeliveryDao.class, dao -> {
            for (Duration ago : List.of(Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofHours(23),
                    Duration.ofMinutes(23 * 60 + 50), Duration.ofHours(25))) {
                dao.insertSettled("github", null, "push", "application/json", new byte[0], 0, "{}", null, null, "verified",
                        "sha256 HMAC matched", "received", null, null, NOW.minus(ago), null, null, null);
            }
            dao.insertSettled("github", null, "push", null, null, 0, "{}", null, null, "rejected", "no matching key", "ignored",
                    null, null, NOW.minus(Duration.ofMinutes(5)), null, null, null);
            dao.insertSettled("notification", null, null, null, null, 0, "{}", null, null, "unsigned", null, "not_found",
                    "job x not found", null, NOW.minus(Duration.ofMinutes(30)), null, null, null);
        });
        summary = new DeliverySummaryService(database.jdbi(), Clock.fixed(NOW, ZoneOffset.UTC)).summary();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void countsEachSourceOverTheLastHourAndTheLastDay() {
        assertThat(summary.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(summary.sources()).extracting(DeliverySummary.SourceSummary::source)
                .containsExactly("github", "notification");
        DeliverySummary.SourceSummary github = summary.sources().get(0);
        assertThat(github.lastHour()).isEqualTo(new DeliverySummary.Totals(2, 1, 1));
        // 25 hours ago is outside; 23 h 50 min ago is inside the day although before the chart's first hour.
        assertThat(github.lastDay()).isEqualTo(new DeliverySummary.Totals(5, 4, 1));
        assertThat(github.outcomes()).containsExactly(
                new DeliverySummary.Outcome("rejected", "ignored", 1, 1),
                new DeliverySummary.Outcome("verified", "received", 1, 4));
        assertThat(summary.sources().get(1).lastHour()).isEqualTo(new DeliverySummary.Totals(1, 0, 1));
    }

    @Test
    void givesEveryHourOfTheChartEmptyOnesIncluded() {
        List<DeliverySummary.Hour> hourly = summary.hourly();
        assertThat(hourly).hasSize(24);
        assertThat(hourly.get(0)).isEqualTo(new DeliverySummary.Hour(Instant.parse("2026-11-21T13:00:00Z"), 1, 0));
        assertThat(hourly.get(21)).isEqualTo(new DeliverySummary.Hour(Instant.parse("2026-11-22T10:00:00Z"), 1, 0));
        assertThat(hourly.get(23)).isEqualTo(new DeliverySummary.Hour(Instant.parse("2026-11-22T12:00:00Z"), 1, 2));
        assertThat(hourly.stream().mapToLong(hour -> hour.accepted() + hour.refused()).sum()).isEqualTo(5);
    }

    @Test
    void reusesASummaryForTenSecondsAtMost() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        DeliverySummaryService service = new DeliverySummaryService(database.jdbi(), clock);
        assertThat(notificationsToday(service)).isEqualTo(1);
        database.jdbi().useExtension(SignedDeliveryDao.class, dao -> dao.insertSettled("notification", null, null,
                null, null, 0, "{}", null, null, "unsigned", null, "applied", null, null, NOW.minusSeconds(1), null, null, null));

        now.set(NOW.plus(DeliverySummaryService.REUSE).minusMillis(1));
        assertThat(notificationsToday(service)).isEqualTo(1);
        now.set(NOW.plus(DeliverySummaryService.REUSE));
        assertThat(notificationsToday(service)).isEqualTo(2);
    }

    private static long notificationsToday(DeliverySummaryService service) {
        return service.summary().sources().stream().filter(source -> source.source().equals("notification"))
                .findFirst().orElseThrow().lastDay().total();
    }
}
