package org.callbackgateway.forwarding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwarding's meters: attempts by outcome, dead letters, and per subscription the pending messages and the lag
 * (age of the oldest pending message), refreshed by the dispatcher from the database (so they are the cluster's,
 * not this instance's, and at most one refresh interval old).
 */
final class ForwardingMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    private final Counter deadLetters;
    private final MultiGauge pending;
    private final MultiGauge lag;

    ForwardingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.deadLetters = Counter.builder("gateway.forwarding.dead.letters")
                .description("messages given up after the retry horizon").register(registry);
        this.pending = MultiGauge.builder("gateway.forwarding.pending")
                .description("messages not yet delivered nor given up, by subscription").register(registry);
        this.lag = MultiGauge.builder("gateway.forwarding.lag.seconds").baseUnit("seconds")
                .description("age of the oldest pending message, by subscription").register(registry);
    }

    void attempted(String outcome) {
        attempts.computeIfAbsent(outcome, key -> Counter.builder("gateway.forwarding.attempts")
                .description("requests to subscribers, by outcome").tag("outcome", key).register(registry))
                .increment();
    }

    void deadLettered() {
        deadLetters.increment();
    }

    void backlog(List<OutboundDao.Backlog> backlog) {
        pending.register(backlog.stream().map(row -> MultiGauge.Row.of(
                Tags.of("subscription", row.subscriptionId().toString()), row.pending())).toList(), true);
        lag.register(backlog.stream().map(row -> MultiGauge.Row.of(
                Tags.of("subscription", row.subscriptionId().toString()), row.lagSeconds())).toList(), true);
    }
}
