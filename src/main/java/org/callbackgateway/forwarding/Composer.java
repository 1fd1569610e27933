package org.callbackgateway.forwarding;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.events.Event;
import org.callbackgateway.events.EventLog;

/**
 * The request for one message: the body for the subscription's kind and, for webhooks, the Standard Webhooks
 * headers ({@code webhook-id} is the event's id, the same on every retry and redelivery).
 */
final class Composer {
    /** What to send; empty body means the message cannot be sent. */
    record Request(Map<String, String> headers, String body) {
    }

    private final EventLog log;
    private final EventEnvelopes envelopes;
    private final AgentMessages agentMessages;

    /** Every secret of the subscription is retired: nothing is sent unsigned. */
    static final class NoActiveSecretException extends RuntimeException {
        NoActiveSecretException() {
            super("no active signing secret");
        }
    }

    Composer(EventLog log, EventEnvelopes envelopes, AgentMessages agentMessages) {
        this.log = log;
        this.envelopes = envelopes;
        this.agentMessages = agentMessages;
    }

    Optional<Request> compose(Target target, OutboundDao.Claimed message, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>(target.headers());
        if (message.eventId() == null) {
            // Carried over from the former notification outbox: the agent's message as it was queued.
            return Optional.of(new Request(headers, message.body()));
        }
        Optional<Event> event = log.byRowId(message.eventId());
        if (event.isEmpty()) {
            return Optional.empty();
        }
        if (target.subscription().isAgent()) {
            return Optional.of(new Request(headers, agentMessages.body(event.get().data())));
        }
        String body = envelopes.of(event.get());
        long timestamp = now.getEpochSecond();
        List<byte[]> keys = target.activeKeys(now);
        headers.put("webhook-id", event.get().id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        if (keys.isEmpty()) {
            throw new NoActiveSecretException();
        }
        headers.put("webhook-signature", WebhookSigner.signature(keys, event.get().id(), timestamp, body));
        return Optional.of(new Request(headers, body));
    }
}
