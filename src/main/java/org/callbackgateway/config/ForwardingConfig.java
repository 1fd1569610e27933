package org.callbackgateway.config;

import java.time.Duration;

/**
 * The event log's sequencer and the forwarding of events to subscriptions.
 *
 * @param eventsPoll how often each instance looks for unpositioned events without a notification
 * @param allowPrivate whether subscriptions may target loopback and private addresses (and then plain http)
 * @param pollInterval how often each instance looks for due messages without a wake-up
 * @param retryInitial the delay before the first retry; it doubles with each failure
 * @param retryMax the longest delay between two attempts
 * @param horizon how long a message is retried before it is given up (dead letter)
 * @param concurrencyPerSubscription requests in flight at once to one subscription, per instance
 * @param circuitFailures failures in a row that pause a subscription
 * @param circuitProbe how long a paused subscription waits before one probe request
 */
public record ForwardingConfig(
        Duration eventsPoll,
        boolean allowPrivate,
        Duration pollInterval,
        Duration retryInitial,
        Duration retryMax,
        Duration horizon,
        int concurrencyPerSubscription,
        int circuitFailures,
        Duration circuitProbe) {

    public static final String EVENTS_POLL_MS = "GATEWAY_EVENTS_POLL_MS";
    public static final String ALLOW_PRIVATE = "GATEWAY_SUBSCRIPTIONS_ALLOW_PRIVATE";
    public static final String POLL_MS = "GATEWAY_FORWARDING_POLL_MS";
    public static final String RETRY_INITIAL_MS = "GATEWAY_FORWARDING_RETRY_INITIAL_MS";
    public static final String RETRY_MAX_SECONDS = "GATEWAY_FORWARDING_RETRY_MAX_SECONDS";
    public static final String HORIZON_SECONDS = "GATEWAY_FORWARDING_HORIZON_SECONDS";
    public static final String CONCURRENCY = "GATEWAY_FORWARDING_CONCURRENCY";
    public static final String CIRCUIT_FAILURES = "GATEWAY_FORWARDING_CIRCUIT_FAILURES";
    public static final String CIRCUIT_PROBE_SECONDS = "GATEWAY_FORWARDING_CIRCUIT_PROBE_SECONDS";

    static ForwardingConfig load(Settings settings) {
        return new ForwardingConfig(
                Duration.ofMillis(settings.integer(EVENTS_POLL_MS, 1000, 10, 60_000)),
                settings.bool(ALLOW_PRIVATE, false),
                Duration.ofMillis(settings.integer(POLL_MS, 1000, 10, 60_000)),
                Duration.ofMillis(settings.integer(RETRY_INITIAL_MS, 5000, 10, 3_600_000)),
                Duration.ofSeconds(settings.integer(RETRY_MAX_SECONDS, 3600, 1, 86_400)),
                Duration.ofSeconds(settings.integer(HORIZON_SECONDS, 3 * 86_400, 1, 30 * 86_400)),
                settings.integer(CONCURRENCY, 4, 1, 64),
                settings.integer(CIRCUIT_FAILURES, 10, 1, 10_000),
                Duration.ofSeconds(settings.integer(CIRCUIT_PROBE_SECONDS, 60, 1, 86_400)));
    }
}
