package org.callbackgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LoopBackoffTest {
    private static final Duration FLOOR = Duration.ofMillis(100);
    private static final Duration CAP = Duration.ofSeconds(5);

    private static Stream<Long> waits(LoopBackoff backoff, int failures) {
        return Stream.generate(backoff::next).limit(failures).map(Duration::toMillis);
    }

    @Test
    void doublesFromTheIntervalUpToTheCap() {
        assertThat(waits(new LoopBackoff(Duration.ofSeconds(1), FLOOR, CAP), 5))
                .containsExactly(2000L, 4000L, 5000L, 5000L, 5000L);
    }

    @Test
    void startsAtTheFloorForAShortInterval() {
        assertThat(waits(new LoopBackoff(Duration.ofMillis(20), FLOOR, CAP), 8))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
    }

    @Test
    void neverTriesMoreOftenThanTheIntervalWhenTheIntervalIsLongerThanTheCap() {
        assertThat(waits(new LoopBackoff(Duration.ofSeconds(30), FLOOR, CAP), 3))
                .containsExactly(30_000L, 30_000L, 30_000L);
    }

    @Test
    void startsAgainFromTheIntervalAfterASuccess() {
        LoopBackoff backoff = new LoopBackoff(Duration.ofSeconds(1), FLOOR, CAP);
        waits(backoff, 4).forEach(wait -> { });
        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
    }
}
