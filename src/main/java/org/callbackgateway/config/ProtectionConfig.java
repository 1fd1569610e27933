package org.callbackgateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Per-source protection of the callback endpoints: a rate limit with a burst and an allow-list of address
 * ranges, each optional, and the proxies whose {@code X-Forwarded-For} is believed.
 *
 * @param sources the protected sources by name ({@code GATEWAY_PROTECTED_SOURCES})
 * @param trustedProxies the peers whose {@code X-Forwarded-For} names the client ({@code GATEWAY_TRUSTED_PROXIES})
 */
public record ProtectionConfig(Map<String, SourceLimits> sources, List<Cidr> trustedProxies) {

    public static final String PROTECTED_SOURCES = "GATEWAY_PROTECTED_SOURCES";
    public static final String TRUSTED_PROXIES = "GATEWAY_TRUSTED_PROXIES";

    /**
     * One source's limits.
     *
     * @param ratePerSecond requests per second on average; empty for no rate limit
     * @param burst how many may come at once above that rate
     * @param allowed the address ranges it may call from; empty for anywhere
     */
    public record SourceLimits(Optional<Double> ratePerSecond, int burst, List<Cidr> allowed) {
    }

    /** The settings of one source: {@code GATEWAY_SOURCE_<NAME>_...}, the name upper-cased with {@code -} as {@code _}. */
    public static String setting(String source, String suffix) {
        return "GATEWAY_SOURCE_" + source.toUpperCase(Locale.ROOT).replace('-', '_') + "_" + suffix;
    }

    static ProtectionConfig load(Settings settings) {
        Map<String, SourceLimits> sources = new LinkedHashMap<>();
        for (String name : list(settings.string(PROTECTED_SOURCES))) {
            if (!name.matches("^[a-z0-9][a-z0-9_-]{0,62}$")) {
                throw new ConfigException(PROTECTED_SOURCES, "'" + name + "' is not a source name");
            }
            Optional<Double> rate = rate(settings, setting(name, "RATE_PER_SECOND"));
            int defaultBurst = rate.map(value -> (int) Math.max(1, Math.ceil(value))).orElse(1);
            int burst = settings.integer(setting(name, "BURST"), defaultBurst, 1, 1_000_000);
            List<Cidr> allowed = cidrs(settings, setting(name, "ALLOWED_CIDRS"));
            if (rate.isEmpty() && allowed.isEmpty()) {
                throw new ConfigException(setting(name, "RATE_PER_SECOND"),
                        "protected source " + name + " needs a rate or " + setting(name, "ALLOWED_CIDRS"));
            }
            sources.put(name, new SourceLimits(rate, burst, allowed));
        }
        return new ProtectionConfig(Map.copyOf(sources), cidrs(settings, TRUSTED_PROXIES));
    }

    private static Optional<Double> rate(Settings settings, String name) {
        Optional<String> raw = settings.string(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (value > 0 && value <= 1_000_000) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ConfigException(name, "must be a number of requests per second above 0, got '" + raw.get() + "'");
    }

    private static List<Cidr> cidrs(Settings settings, String name) {
        List<Cidr> ranges = new ArrayList<>();
        for (String range : list(settings.string(name))) {
            try {
                ranges.add(Cidr.parse(range));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, e.getMessage());
            }
        }
        return List.copyOf(ranges);
    }

    private static List<String> list(Optional<String> raw) {
        return raw.map(value -> List.of(value.split("[,\\s]+"))).orElse(List.of()).stream()
                .filter(item -> !item.isBlank()).toList();
    }
}
