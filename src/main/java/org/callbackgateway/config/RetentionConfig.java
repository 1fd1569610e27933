package org.callbackgateway.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * How long stored deliveries are kept.
 *
 * @param days the retention of every source without an override
 * @param sourceDays per-source overrides
 * @param intervalMinutes how often an instance runs the retention round (partitions ahead, expiry, statistics)
 */
public record RetentionConfig(int days, Map<String, Integer> sourceDays, int intervalMinutes) {

    public static final String DAYS = "GATEWAY_RETENTION_DAYS";
    public static final String SOURCE_DAYS = "GATEWAY_RETENTION_SOURCE_DAYS";
    public static final String INTERVAL_MINUTES = "GATEWAY_RETENTION_INTERVAL_MINUTES";
    private static final int MAX_DAYS = 3650;

    public RetentionConfig {
        sourceDays = Map.copyOf(sourceDays);
    }

    static RetentionConfig load(Settings settings) {
        return new RetentionConfig(settings.integer(DAYS, 30, 1, MAX_DAYS),
                overrides(settings.string(SOURCE_DAYS).orElse("")),
                settings.integer(INTERVAL_MINUTES, 60, 1, 1440));
    }

    /** {@code notification=7,github=90}: source names as the sources admin takes them, whole days. */
    private static Map<String, Integer> overrides(String raw) {
        Map<String, Integer> days = new TreeMap<>();
        for (String entry : raw.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] pair = entry.trim().split("=", -1);
            if (pair.length != 2 || !pair[0].trim().matches("[a-z0-9][a-z0-9_-]{0,62}")) {
                throw new ConfigException(SOURCE_DAYS, "must be source=days pairs separated by commas, such as "
                        + "notification=7,github=90; got '" + entry.trim() + "'");
            }
            int value;
            try {
                value = Integer.parseInt(pair[1].trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(SOURCE_DAYS, "the days of " + pair[0].trim() + " must be a whole number");
            }
            if (value < 1 || value > MAX_DAYS) {
                throw new ConfigException(SOURCE_DAYS, "the days of " + pair[0].trim() + " must be between 1 and "
                        + MAX_DAYS);
            }
            days.put(pair[0].trim(), value);
        }
        return days;
    }

    public int daysFor(String source) {
        return sourceDays.getOrDefault(source, days);
    }

    /** The longest retention in effect: partitions older than that are dropped whole. */
    public int longestDays() {
        return Math.max(days, sourceDays.values().stream().mapToInt(Integer::intValue).max().orElse(days));
    }
}
