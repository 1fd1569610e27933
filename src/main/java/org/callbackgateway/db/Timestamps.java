package org.callbackgateway.db;

import java.time.Instant;

/**
 * The instants the gateway stores: years 1 to 9999. PostgreSQL's {@code timestamptz} holds 4713 BC to 294276 AD
 * and Java's {@link Instant} far more either way; anything outside this narrower range is refused as input (400)
 * before it reaches a statement, where it would fail as a 500.
 */
public final class Timestamps {
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** How a refusal says it. */
    public static final String RANGE = "years 1 to 9999";

    private Timestamps() {
    }

    public static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
