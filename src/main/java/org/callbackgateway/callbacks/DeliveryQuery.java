package org.callbackgateway.callbacks;

import java.util.Optional;

/**
 * A page request of the inspection API.
 *
 * @param filter which deliveries
 * @param limit at most this many (1 to 200)
 * @param cursor the {@code next_cursor} of the previous page
 * @param withBody whether to include each raw body
 */
public record DeliveryQuery(DeliveryFilter filter, int limit, Optional<String> cursor, boolean withBody) {
}
