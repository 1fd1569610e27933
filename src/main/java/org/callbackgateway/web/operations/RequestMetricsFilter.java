package org.callbackgateway.web.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every request as {@code http_server_requests} by method, route template (never the raw path, so ids do not
 * explode the series) and status.
 */
@PreMatching
@Priority(1)
public final class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String SAMPLE = RequestMetricsFilter.class.getName() + ".sample";

    private final MeterRegistry registry;

    public RequestMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(SAMPLE, Timer.start(registry));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(SAMPLE) instanceof Timer.Sample sample) {
            sample.stop(Timer.builder("http.server.requests")
                    .tag("method", request.getMethod())
                    .tag("uri", route(request))
                    .tag("status", Integer.toString(response.getStatus()))
                    .register(registry));
        }
    }

    private static String route(ContainerRequestContext request) {
        if (!(request.getUriInfo() instanceof ExtendedUriInfo info) || info.getMatchedTemplates().isEmpty()) {
            return "UNMATCHED";
        }
        List<UriTemplate> templates = new ArrayList<>(info.getMatchedTemplates());
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            String template = templates.get(i).getTemplate();
            if (!template.startsWith("/")) {
                route.append('/');
            }
            route.append(template);
        }
        return route.toString().replaceAll("/+", "/");
    }
}
