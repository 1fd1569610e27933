package org.callbackgateway.web.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.callbackgateway.db.DatabaseModule;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * What operators and their tools read: the liveness and readiness probes, the Prometheus metrics (with the
 * request timers and the JVM's, pool's and group commit's meters) and the OpenAPI description.
 */
public final class OperationsModule implements FeatureModule {
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final List<Object> resources;

    public OperationsModule(Foundation foundation, DatabaseModule database) {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        gcMetrics.bindTo(metrics);
        database.bindMetrics(metrics);
        int retryAfterSeconds = foundation.config().retryAfterSeconds();
        this.resources = List.of(new HealthResource(foundation.jdbi(), database.migrations(), retryAfterSeconds),
                new RequestMetricsFilter(metrics), new MetricsResource(metrics), new OpenApiResource());
    }

    /** The registry that features add their own meters to. */
    public MeterRegistry metrics() {
        return metrics;
    }

    @Override
    public List<Object> resources() {
        return resources;
    }

    @Override
    public void close() {
        gcMetrics.close();
        metrics.close();
    }
}
