package org.callbackgateway.forwarding;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /admin/subscriptions} (every field but {@code url} optional) and of
 * {@code PATCH /admin/subscriptions/{id}} (only the fields given change).
 *
 * @param url where events are POSTed: https (see {@link TargetUrls})
 * @param description free text for operators
 * @param enabled the on/off switch (default on); switching on also closes an open circuit
 * @param sources only events of these sources (empty: all)
 * @param eventTypes only these event types (empty: all)
 * @param jobOwner only events of this owner's jobs
 * @param jobId only events of this job
 * @param headers extra static headers sent with every request (a bearer token the receiver wants); stored
 *                encrypted, listed by name only
 * @param timeoutMs how long one request may take, 100 to 60000 (default 10000)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionRequest(
        String url,
        String description,
        Boolean enabled,
        List<String> sources,
        List<String> eventTypes,
        String jobOwner,
        String jobId,
        Map<String, String> headers,
        Integer timeoutMs) {
}
