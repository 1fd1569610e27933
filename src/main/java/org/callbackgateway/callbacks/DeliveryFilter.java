package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which stored deliveries a search or a bulk replay concerns; every part is optional, all present parts must hold.
 *
 * @param source only this source's deliveries
 * @param outcome a verification outcome ({@code verified}, {@code rejected}, {@code unsigned}) or a processing
 *                one ({@code applied}, {@code not_found}, ...)
 * @param eventType the sender's event name ({@code push}, ...)
 * @param job deliveries that concern this job
 * @param deliveryKey the sender's delivery id: the delivery that holds it, and its repeats
 * @param payload conditions on the JSON payload, each a containment the payload's GIN index serves
 * @param since received at or after
 * @param until received before
 */
public record DeliveryFilter(Optional<String> source, Optional<String> outcome, Optional<String> eventType,
                             Optional<UUID> job, Optional<String> deliveryKey, List<PayloadCondition> payload,
                             Optional<Instant> since, Optional<Instant> until) {

    public DeliveryFilter {
        payload = List.copyOf(payload);
    }

    public static DeliveryFilter none() {
        return new DeliveryFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    public DeliveryFilter withSource(String value) {
        return new DeliveryFilter(Optional.of(value), outcome, eventType, job, deliveryKey, payload, since, until);
    }

    public DeliveryFilter withOutcome(String value) {
        return new DeliveryFilter(source, Optional.of(value), eventType, job, deliveryKey, payload, since, until);
    }

    public DeliveryFilter withPayload(PayloadCondition condition) {
        List<PayloadCondition> more = new java.util.ArrayList<>(payload);
        more.add(condition);
        return new DeliveryFilter(source, outcome, eventType, job, deliveryKey, more, since, until);
    }

    public DeliveryFilter withRange(Optional<Instant> from, Optional<Instant> to) {
        return new DeliveryFilter(source, outcome, eventType, job, deliveryKey, payload, from, to);
    }
}
