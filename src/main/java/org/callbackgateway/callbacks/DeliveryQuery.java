package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.Optional;

/**
 * A filter of the inspection API; every field is optional.
 *
 * @param source only this source's deliveries
 * @param outcome a verification outcome ({@code verified}, {@code rejected}, {@code unsigned}) or a processing
 *                one ({@code applied}, {@code duplicate}, ...)
 * @param since only deliveries received at or after this instant
 * @param limit at most this many (1 to 200)
 * @param cursor the {@code next_cursor} of the previous page
 * @param withBody whether to include each raw body
 * @param eventType only deliveries of this event type (as the sender named it)
 */
public record DeliveryQuery(Optional<String> source, Optional<String> outcome, Optional<Instant> since, int limit,
                            Optional<String> cursor, boolean withBody, Optional<String> eventType) {

    public DeliveryQuery(Optional<String> source, Optional<String> outcome, Optional<Instant> since, int limit,
                         Optional<String> cursor, boolean withBody) {
        this(source, outcome, since, limit, cursor, withBody, Optional.empty());
    }
}
