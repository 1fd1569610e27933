package org.callbackgateway.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import org.callbackgateway.auth.TokenStanding;
import org.callbackgateway.events.Event;
import org.callbackgateway.events.EventQuery;

/**
 * One open stream: its filter, how far it has read the log, and what waits to be written. Writes are
 * non-blocking ({@link WriteListener}): a slow client makes its own queue wait, never a thread; while anything is
 * queued the hub reads nothing more for it, so a stalled client costs one batch of memory at most.
 */
final class EventStream implements WriteListener {
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final EventQuery filter;
    private final String caller;
    private final Instant expiresAt;
    private final TokenStanding standing;
    private final java.util.function.Consumer<EventStream> onEnd;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private volatile long scannedTo;
    private volatile Instant lastWrite;
    private boolean unflushed;
    private boolean ended;

    EventStream(AsyncContext async, ServletOutputStream out, EventQuery filter, String caller, long after,
                Instant expiresAt, TokenStanding standing, Instant now, java.util.function.Consumer<EventStream> onEnd) {
        this.async = async;
        this.out = out;
        this.filter = filter;
        this.caller = caller;
        this.scannedTo = after;
        this.expiresAt = expiresAt;
        this.standing = standing;
        this.lastWrite = now;
        this.onEnd = onEnd;
    }

    String caller() {
        return caller;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Whether the caller's token was revoked since the stream opened (client deleted, disabled, key replaced), as
     * the client cache knows it. A failed look-up keeps the stream: the token's expiry still ends it.
     */
    boolean revoked() {
        try {
            return standing.revocation().isPresent();
        } catch (RuntimeException lookupFailed) {
            return false;
        }
    }

    Instant lastWrite() {
        return lastWrite;
    }

    /** The filter for the next read: everything after what this stream has seen. */
    EventQuery next() {
        return filter.after(scannedTo);
    }

    /** Every event up to {@code position} has been read (and queued when it matched). */
    void scanned(long position) {
        scannedTo = Math.max(scannedTo, position);
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized boolean busy() {
        return !pending.isEmpty();
    }

    void send(Event event, String envelope, Instant now) {
        // An envelope is one JSON line (no raw newlines), so one data: field holds it.
        queue("id: " + event.position() + "\nevent: " + event.type() + "\ndata: " + envelope + "\n\n", now);
    }

    void comment(String text, Instant now) {
        queue(": " + text + "\n\n", now);
    }

    void heartbeat(Instant now) {
        queue(": heartbeat\n\n", now);
    }

    private void queue(String frame, Instant now) {
        synchronized (this) {
            if (ended) {
                return;
            }
            pending.add(frame.getBytes(StandardCharsets.UTF_8));
        }
        lastWrite = now;
        onWritePossible();
    }

    @Override
    public void onWritePossible() {
        try {
            synchronized (this) {
                while (!ended && out.isReady()) {
                    byte[] next = pending.poll();
                    if (next != null) {
                        out.write(next);
                        unflushed = true;
                    } else if (unflushed) {
                        unflushed = false;
                        out.flush();
                    } else {
                        return;
                    }
                }
            }
        } catch (IOException | IllegalStateException e) {
            end();
        }
    }

    @Override
    public void onError(Throwable failure) {
        end();
    }

    /** Completes the response (the client reconnects with {@code Last-Event-ID}); safe to call twice. */
    void end() {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            pending.clear();
        }
        onEnd.accept(this);
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // The container ended it first (client gone, or shutting down).
        }
    }
}
