package org.callbackgateway.callbacks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Sums up the last 24 hours of deliveries by source and outcome, and hour by hour, for the operators' overview.
 *
 * <p>One summary scans a day of deliveries, so each instance computes it at most once per {@link #REUSE}: an answer
 * is at most that old, whichever instance gives it.
 */
public final class DeliverySummaryService {
    static final int HOURS = 24;
    /** Outcomes that the sender would see as a failure: its delivery was refused or could not be used. */
    private static final Set<String> REFUSED_PROCESSING = Set.of("not_found", "invalid", "too_large", "failed");

    static final Duration REUSE = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final Clock clock;
    private volatile DeliverySummary last;

    public DeliverySummaryService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public DeliverySummary summary() {
        Instant now = clock.instant();
        DeliverySummary reused = last;
        if (reused != null && !now.isBefore(reused.to()) && now.isBefore(reused.to().plus(REUSE))) {
            return reused;
        }
        last = compute(now);
        return last;
    }

    private DeliverySummary compute(Instant now) {
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
        Instant dayAgo = now.minus(Duration.ofHours(HOURS));
        Instant hourAgo = now.minus(Duration.ofHours(1));
        // The chart's first whole hour starts after dayAgo; the rows of the hour before it count in the totals only.
        List<DeliverySummaryDao.Count> counts = jdbi.withExtension(DeliverySummaryDao.class,
                dao -> dao.counts(dayAgo, now.plusMillis(1), hourAgo));

        Map<Instant, long[]> hours = new LinkedHashMap<>();
        for (int hour = 0; hour < HOURS; hour++) {
            hours.put(firstHour.plus(Duration.ofHours(hour)), new long[2]);
        }
        Map<String, Map<String, long[]>> bySource = new TreeMap<>();
        for (DeliverySummaryDao.Count count : counts) {
            int kind = refused(count.verification(), count.processing()) ? 1 : 0;
            long[] hour = hours.get(count.hour());
            if (hour != null) {
                hour[kind] += count.total();
            }
            long[] outcome = bySource.computeIfAbsent(count.source(), source -> new TreeMap<>())
                    .computeIfAbsent(count.verification() + "/" + count.processing(), key -> new long[2]);
            outcome[0] += count.recent();
            outcome[1] += count.total();
        }

        List<DeliverySummary.SourceSummary> sources = new ArrayList<>();
        bySource.forEach((source, outcomes) -> sources.add(sourceSummary(source, outcomes)));
        List<DeliverySummary.Hour> hourly = new ArrayList<>();
        hours.forEach((start, kinds) -> hourly.add(new DeliverySummary.Hour(start, kinds[0], kinds[1])));
        return new DeliverySummary(dayAgo, now, sources, hourly);
    }

    private static DeliverySummary.SourceSummary sourceSummary(String source, Map<String, long[]> outcomes) {
        long[] hour = new long[2];
        long[] day = new long[2];
        List<DeliverySummary.Outcome> list = new ArrayList<>();
        outcomes.forEach((key, counts) -> {
            String[] parts = key.split("/", 2);
            int kind = refused(parts[0], parts[1]) ? 1 : 0;
            hour[kind] += counts[0];
            day[kind] += counts[1];
            list.add(new DeliverySummary.Outcome(parts[0], parts[1], counts[0], counts[1]));
        });
        return new DeliverySummary.SourceSummary(source, totals(hour), totals(day), list);
    }

    private static DeliverySummary.Totals totals(long[] kinds) {
        return new DeliverySummary.Totals(kinds[0] + kinds[1], kinds[0], kinds[1]);
    }

    static boolean refused(String verification, String processing) {
        return Verification.REJECTED.dbValue().equals(verification) || REFUSED_PROCESSING.contains(processing);
    }
}
