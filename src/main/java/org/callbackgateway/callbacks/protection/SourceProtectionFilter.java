package org.callbackgateway.callbacks.protection;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.InboundDelivery;
import org.callbackgateway.callbacks.Processing;
import org.callbackgateway.callbacks.Verification;
import org.callbackgateway.config.ProtectionConfig;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a protected source's callback from outside its allowed ranges (403) or over its rate (429 with
 * {@code Retry-After}), before the body is read: the refusal is recorded as a delivery without a body, counted
 * in {@code gateway_callbacks_refused_total}, and answered with {@code Connection: close} so that the container
 * does not read the body either.
 */
@PreMatching
@Priority(60)
public final class SourceProtectionFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(SourceProtectionFilter.class);
    private static final Set<String> SIGNED_ENDPOINTS = Set.of("github", "gitea", "gitlab", "tuxsuite", "webhooks");

    private final ProtectionConfig config;
    private final Map<String, TokenBucket> buckets;
    private final DeliveryInbox inbox;
    private final MeterRegistry metrics;
    private final Clock clock;

    @Context
    private HttpServletRequest servletRequest;

    SourceProtectionFilter(ProtectionConfig config, Map<String, TokenBucket> buckets, DeliveryInbox inbox,
                           MeterRegistry metrics, Clock clock) {
        this.config = config;
        this.buckets = buckets;
        this.inbox = inbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        List<PathSegment> segments = request.getUriInfo().getPathSegments(true);
        if (segments.size() < 2 || !segments.get(0).getPath().equals("callbacks")) {
            return;
        }
        boolean signed = SIGNED_ENDPOINTS.contains(segments.get(1).getPath());
        String source = segments.get(1).getPath().equals("webhooks") && segments.size() > 2
                ? segments.get(2).getPath() : segments.get(1).getPath();
        ProtectionConfig.SourceLimits limits = config.sources().get(source);
        if (limits == null) {
            return;
        }
        Instant now = clock.instant();
        if (!limits.allowed().isEmpty()) {
            Optional<byte[]> client = ClientAddress.of(servletRequest.getRemoteAddr(),
                    request.getHeaders().getOrDefault("X-Forwarded-For", List.of()), config.trustedProxies());
            if (client.isEmpty() || limits.allowed().stream().noneMatch(range -> range.contains(client.get()))) {
                throw refuse(request, source, signed, now, "address", "refused: the address is not allowed for "
                        + source, new ApiException(403, ErrorCode.ERR_FORBIDDEN, "this address may not call " + source,
                        Map.of("Connection", "close"), null));
            }
        }
        TokenBucket bucket = buckets.get(source);
        if (bucket != null) {
            Optional<Duration> wait = bucket.take(now);
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                throw refuse(request, source, signed, now, "rate_limit", "refused: over the rate limit of " + source,
                        new ApiException(429, ErrorCode.ERR_TOO_MANY_REQUESTS, "too many requests from " + source
                                + ", try again later", Map.of("Retry-After", Long.toString(seconds),
                                "Connection", "close"), null));
            }
        }
    }

    private ApiException refuse(ContainerRequestContext request, String source, boolean signed, Instant now,
                                String reason, String detail, ApiException answer) {
        metrics.counter("gateway.callbacks.refused", "source", source, "reason", reason).increment();
        int declared = Math.max(0, request.getLength());
        long id = inbox.recordSettled(new InboundDelivery(source, Optional.empty(), Optional.empty(),
                        Optional.ofNullable(request.getHeaderString(HttpHeaders.CONTENT_TYPE)), Optional.empty(),
                        declared, now), signed ? Verification.REJECTED : Verification.UNSIGNED, Processing.IGNORED,
                detail);
        LOG.info("{} callback refused ({}), stored as delivery {}", source, reason, id);
        return answer;
    }
}
