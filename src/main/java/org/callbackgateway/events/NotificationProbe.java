package org.callbackgateway.events;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Checks end to end that notifications sent by other sessions reach a listening connection: one is sent on
 * {@link #CHANNEL} through the pool, as every append's is, and must arrive. A connection of a transaction pooler
 * (PgBouncer in {@code pool_mode = transaction}) accepts {@code LISTEN} without complaint but never hears
 * anything, which only this shows.
 */
final class NotificationProbe {
    static final String CHANNEL = "gateway_listen_probe";

    private final Jdbi jdbi;

    NotificationProbe(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether a notification sent now reaches {@code listening} (already listening on {@link #CHANNEL}) in time. */
    boolean reaches(PGConnection listening, Duration within) throws SQLException {
        String payload = UUID.randomUUID().toString();
        jdbi.useHandle(handle -> handle.createQuery("SELECT pg_notify(:channel, :payload)::text")
                .bind("channel", CHANNEL).bind("payload", payload).mapTo(String.class).one());
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            // Zero would wait forever.
            PGNotification[] arrived = listening.getNotifications((int) Math.max(1, left));
            if (arrived != null) {
                for (PGNotification notification : arrived) {
                    if (CHANNEL.equals(notification.getName()) && payload.equals(notification.getParameter())) {
                        return true;
                    }
                }
            }
        }
    }
}
