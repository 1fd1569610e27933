package org.callbackgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link EventQuery#matches} filters in memory exactly as the log's read filters in SQL. */
class EventQueryTest {
    private static final UUID JOB = UUID.randomUUID();
    private static final Event STATUS = new Event(7, "evt_1", "job.status_changed", "notification", 3L, JOB,
            "snow-dog", Instant.parse("2026-12-01T10:00:00Z"), "{}", 11);
    private static final Event NO_JOB = new Event(8, "evt_2", "delivery.received", "github", 4L, null, null,
            Instant.parse("2026-12-01T10:00:01Z"), "{}", 12);

    @Test
    void anEmptyFilterTakesEverything() {
        EventQuery all = EventQuery.after(0, 100);
        assertThat(all.matches(STATUS)).isTrue();
        assertThat(all.matches(NO_JOB)).isTrue();
    }

    @Test
    void eachFilterMustHold() {
        EventQuery query = EventQuery.after(0, 100);
        assertThat(query.withTypes(List.of("job.status_changed")).matches(STATUS)).isTrue();
        assertThat(query.withTypes(List.of("job.status_changed")).matches(NO_JOB)).isFalse();
        assertThat(query.withSources(List.of("github", "gitlab")).matches(NO_JOB)).isTrue();
        assertThat(query.withSources(List.of("github")).matches(STATUS)).isFalse();
        assertThat(query.withJobOwner("snow-dog").matches(STATUS)).isTrue();
        assertThat(query.withJobOwner("snow-cat").matches(STATUS)).isFalse();
        assertThat(query.withJobId(JOB).matches(STATUS)).isTrue();
        assertThat(query.withJobId(UUID.randomUUID()).matches(STATUS)).isFalse();
    }

    @Test
    void anOwnerOrJobFilterNeverTakesAnEventWithoutAJob() {
        EventQuery query = EventQuery.after(0, 100);
        assertThat(query.withJobOwner("snow-dog").matches(NO_JOB)).isFalse();
        assertThat(query.withJobId(JOB).matches(NO_JOB)).isFalse();
    }
}
