package org.callbackgateway.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.auth.ActingPrincipal;
import org.callbackgateway.auth.Caller;
import org.callbackgateway.auth.RequestAuthenticator;
import org.callbackgateway.auth.Role;
import org.jdbi.v3.core.Jdbi;

/**
 * Short-lived single-use stream tickets: issued for an authenticated caller, redeemed (deleted) by the stream
 * that opens with one, on whichever instance. A stream opened with a ticket ends when the issuing token would.
 */
final class StreamTickets {
    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;

    StreamTickets(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    record Issued(String ticket, Instant expiresAt) {
    }

    Issued issue(RequestAuthenticator.Authenticated caller) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String ticket = "stk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(LIFETIME);
        jdbi.useHandle(handle -> {
            handle.createUpdate("DELETE FROM stream_tickets WHERE expires_at < :now").bind("now", now).execute();
            handle.createUpdate("""
                    INSERT INTO stream_tickets (ticket_hash, subject, username, role, acting_user, token_expires_at,
                                                expires_at)
                    VALUES (:hash, :subject, :username, :role, :acting, :tokenExpiry, :expiresAt)
                    """)
                    .bind("hash", hash(ticket))
                    .bind("subject", caller.principal().caller().subject())
                    .bind("username", caller.principal().caller().username())
                    .bind("role", caller.principal().caller().role().value())
                    .bind("acting", caller.principal().actingUser())
                    .bind("tokenExpiry", caller.expiresAt())
                    .bind("expiresAt", expiresAt)
                    .execute();
        });
        return new Issued(ticket, expiresAt);
    }

    /** The caller a ticket was issued to, once; empty for an unknown, used or expired ticket. */
    Optional<RequestAuthenticator.Authenticated> redeem(String ticket) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        DELETE FROM stream_tickets WHERE ticket_hash = :hash AND expires_at > :now
                        RETURNING subject, username, role, acting_user, token_expires_at
                        """)
                .bind("hash", hash(ticket)).bind("now", clock.instant())
                .map((rs, ctx) -> new RequestAuthenticator.Authenticated(new ActingPrincipal(
                        new Caller(rs.getString("subject"), rs.getString("username"),
                                Role.parse(rs.getString("role")).orElseThrow(), Map.of()),
                        rs.getString("acting_user")), rs.getTimestamp("token_expires_at").toInstant()))
                .findOne());
    }

    private static byte[] hash(String ticket) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
