package org.callbackgateway.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.PathSegment;
import java.util.List;
import java.util.Map;

/**
 * Refuses a NUL ({@code %00}) in the decoded path or query of an API request with a 400 naming the parameter, before
 * it can reach a statement. Callbacks are left to their endpoints, which store every attempt and keep NUL out of
 * the stored text themselves.
 */
@PreMatching
@Priority(50)
public final class InboundTextFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        List<PathSegment> segments = request.getUriInfo().getPathSegments(true);
        if (!segments.isEmpty() && segments.get(0).getPath().equals("callbacks")) {
            return;
        }
        for (PathSegment segment : segments) {
            if (InboundText.hasNul(segment.getPath())) {
                throw InboundText.nulRefused("the path");
            }
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            if (InboundText.hasNul(parameter.getKey())) {
                throw InboundText.nulRefused("a query parameter name");
            }
            if (parameter.getValue().stream().anyMatch(InboundText::hasNul)) {
                String name = parameter.getKey();
                throw InboundText.nulRefused(name.matches("[A-Za-z0-9_.-]{1,40}") ? "query parameter " + name
                        : "a query parameter");
            }
        }
    }
}
