package org.callbackgateway.forwarding;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code subscriptions}.
 */
public record SubscriptionRow(
        UUID id,
        String kind,
        String description,
        String url,
        boolean enabled,
        String[] sources,
        String[] eventTypes,
        String jobOwner,
        UUID jobId,
        byte[] headersCiphertext,
        String headersKeyId,
        String[] headerNames,
        int timeoutMs,
        String disabledReason,
        int consecutiveFailures,
        Instant circuitOpenUntil,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    public static final String WEBHOOK = "webhook";
    public static final String NOTIFICATION_AGENT = "notification_agent";
    /** The notification agent's subscription, made by the migration that retired the V5 outbox. */
    public static final UUID AGENT_ID = UUID.fromString("00000000-0000-0000-0000-00000000a6e7");

    public boolean isAgent() {
        return NOTIFICATION_AGENT.equals(kind);
    }

    /** {@code active}, {@code paused} (the circuit is open) or {@code disabled}. */
    public String state() {
        if (!enabled) {
            return "disabled";
        }
        return circuitOpenUntil != null ? "paused" : "active";
    }

    public List<String> sourceList() {
        return Arrays.asList(sources);
    }

    public List<String> eventTypeList() {
        return Arrays.asList(eventTypes);
    }

    public List<String> headerNameList() {
        return Arrays.asList(headerNames);
    }
}
