package org.callbackgateway.forwarding;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as administrators see it: header names but not their values, secrets by id only.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionView(
        UUID id,
        String kind,
        String url,
        String description,
        boolean enabled,
        String state,
        List<String> sources,
        List<String> eventTypes,
        String jobOwner,
        UUID jobId,
        List<String> headerNames,
        int timeoutMs,
        String disabledReason,
        int consecutiveFailures,
        Instant circuitOpenUntil,
        List<SecretView> secrets,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    /** A signing secret: its value only in the answer that created it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SecretView(UUID id, Instant notAfter, boolean active, Instant createdAt,
                             @com.fasterxml.jackson.annotation.JsonInclude(
                                     com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String secret) {
    }

    static SubscriptionView of(SubscriptionRow row, List<SecretView> secrets) {
        return new SubscriptionView(row.id(), row.kind(), row.url(), row.description(), row.enabled(), row.state(),
                row.sourceList(), row.eventTypeList(), row.jobOwner(), row.jobId(), row.headerNameList(),
                row.timeoutMs(), row.disabledReason(), row.consecutiveFailures(), row.circuitOpenUntil(), secrets,
                row.createdBy(), row.createdAt(), row.updatedAt());
    }
}
