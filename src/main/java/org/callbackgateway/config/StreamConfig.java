package org.callbackgateway.config;

import java.time.Duration;

/**
 * The live event stream ({@code GET /secured/events}).
 *
 * @param heartbeat how long a stream stays silent before a comment line keeps proxies from closing it
 * @param maxPerCaller open streams one client (token subject) may hold on one instance
 * @param maxTotal open streams one instance serves at once
 * @param poll how often the streams look for new events without a wake-up of the event log
 */
public record StreamConfig(Duration heartbeat, int maxPerCaller, int maxTotal, Duration poll) {
    public static final String HEARTBEAT_SECONDS = "GATEWAY_STREAM_HEARTBEAT_SECONDS";
    public static final String MAX_PER_CALLER = "GATEWAY_STREAM_MAX_PER_CALLER";
    public static final String MAX_TOTAL = "GATEWAY_STREAM_MAX_TOTAL";
    public static final String POLL_MS = "GATEWAY_STREAM_POLL_MS";

    static StreamConfig load(Settings settings) {
        return new StreamConfig(
                Duration.ofSeconds(settings.integer(HEARTBEAT_SECONDS, 15, 1, 3600)),
                settings.integer(MAX_PER_CALLER, 10, 1, 100_000),
                settings.integer(MAX_TOTAL, 2000, 1, 1_000_000),
                Duration.ofMillis(settings.integer(POLL_MS, 1000, 10, 60_000)));
    }
}
