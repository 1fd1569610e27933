package org.callbackgateway.callbacks.protection;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.config.ProtectionConfig;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * Per-source protection of the callbacks: allow-lists and rate limits ({@code GATEWAY_PROTECTED_SOURCES}).
 *
 * <p>The rate limit is kept per instance, in memory: behind a balancer that spreads requests over N instances a
 * source gets up to N times its rate in all. That is deliberate: a shared counter would put a database write on
 * the path of every callback, refused ones included, which is what a flood must not be able to cause. Set each
 * instance's rate to the total divided by the number of instances.
 */
public final class SourceProtectionModule implements FeatureModule {
    private final List<Object> resources;

    public SourceProtectionModule(Foundation foundation, DeliveryInbox inbox, MeterRegistry metrics) {
        ProtectionConfig config = foundation.config().protection();
        Map<String, TokenBucket> buckets = new HashMap<>();
        config.sources().forEach((source, limits) -> limits.ratePerSecond().ifPresent(rate ->
                buckets.put(source, new TokenBucket(rate, limits.burst(), foundation.clock().instant()))));
        this.resources = config.sources().isEmpty() ? List.of()
                : List.of(new SourceProtectionFilter(config, Map.copyOf(buckets), inbox, metrics, foundation.clock()));
    }

    @Override
    public List<Object> resources() {
        return resources;
    }
}
