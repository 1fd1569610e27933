package org.callbackgateway.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.callbackgateway.config.StreamConfig;
import org.callbackgateway.events.Event;
import org.callbackgateway.events.EventLog;
import org.callbackgateway.events.EventQuery;
import org.callbackgateway.forwarding.EventEnvelopes;
import org.callbackgateway.web.BackgroundLoop;

/**
 * This instance's open streams and the one thread that feeds them. On each advance of the event log (any
 * instance's appends, told by {@link EventLog#onAdvance}) and on a timer, it reads new events once for all the
 * streams that are due, and queues on each stream those that pass its filter; the timer also sends heartbeats and ends
 * streams whose token expired or was revoked (within the client cache's staleness bound). The log is the truth: a missed wake-up only delays events until the next tick.
 */
final class StreamHub implements AutoCloseable {
    private final EventLog log;
    private final EventEnvelopes envelopes;
    private final StreamConfig config;
    private final Clock clock;
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perCaller = new HashMap<>();
    private final BackgroundLoop pump;
    private volatile long head;
    /** When the timer's work (expiry, heartbeats, the head) is due next, in real time; only the pump uses it. */
    private long tickDueNanos;
    private AutoCloseable listening;
    private int open;

    StreamHub(EventLog log, EventEnvelopes envelopes, StreamConfig config, Clock clock) {
        this.log = log;
        this.envelopes = envelopes;
        this.config = config;
        this.clock = clock;
        this.pump = new BackgroundLoop("event-stream-pump", config.poll(), this::pumpRound);
    }

    void start() {
        listening = log.onAdvance(position -> {
            head = Math.max(head, position);
            pump.wake();
        });
        tickDueNanos = System.nanoTime() + config.poll().toNanos();
        pump.start();
    }

    /** Counts a stream of {@code caller} in, unless a cap is reached. */
    synchronized boolean admit(String caller) {
        int mine = perCaller.getOrDefault(caller, 0);
        if (open >= config.maxTotal() || mine >= config.maxPerCaller()) {
            return false;
        }
        perCaller.put(caller, mine + 1);
        open++;
        return true;
    }

    synchronized void release(String caller) {
        perCaller.computeIfPresent(caller, (key, count) -> count <= 1 ? null : count - 1);
        open--;
    }

    void add(EventStream stream) {
        streams.add(stream);
        if (stream.ended()) {
            streams.remove(stream);
        }
        pump.wake();
    }

    /** Called once by each stream as it ends. */
    void remove(EventStream stream) {
        streams.remove(stream);
        release(stream.caller());
    }

    /**
     * One round of the pump: the timer's work once a poll interval has passed (in real time, whatever the clock of
     * the token checks says), then delivery. Returns whether a read was cut short, so that the pump reads again at
     * once. While the log cannot be read the pump backs off; the heartbeats, which come first, go on.
     */
    private boolean pumpRound() {
        if (System.nanoTime() - tickDueNanos >= 0) {
            tickDueNanos = System.nanoTime() + config.poll().toNanos();
            tick();
        }
        return deliver();
    }

    private void tick() {
        Instant now = clock.instant();
        for (EventStream stream : streams) {
            if (!now.isBefore(stream.expiresAt()) || stream.revoked()) {
                stream.end();
            } else if (!stream.busy() && !now.isBefore(stream.lastWrite().plus(config.heartbeat()))) {
                stream.heartbeat(now);
            }
        }
        head = Math.max(head, log.head());
    }

    /**
     * One read of the log for every stream that is due, whatever its filter, from the earliest position among
     * them; each stream then takes the events past its own position that pass its filter. With one stream per
     * user, a read per filter would be one query per stream and round (2,000 streams, 2,000 queries).
     */
    private boolean deliver() {
        long known = head;
        List<EventStream> due = new ArrayList<>();
        long from = Long.MAX_VALUE;
        for (EventStream stream : streams) {
            long after = stream.next().afterPosition();
            if (after < known && !stream.busy()) {
                due.add(stream);
                from = Math.min(from, after);
            }
        }
        if (due.isEmpty()) {
            return false;
        }
        List<Event> events = log.read(EventQuery.after(from, EventLog.MAX_READ));
        boolean complete = events.size() < EventLog.MAX_READ;
        long last = events.isEmpty() ? from : events.get(events.size() - 1).position();
        // A short read saw everything up to the head known before it: nothing there is left behind.
        long scannedTo = complete ? Math.max(known, last) : last;
        Map<Long, String> bodies = new HashMap<>();
        Instant now = clock.instant();
        for (EventStream stream : due) {
            EventQuery filter = stream.next();
            for (Event event : events) {
                if (event.position() > filter.afterPosition() && filter.matches(event)) {
                    stream.send(event, bodies.computeIfAbsent(event.position(), p -> envelopes.of(event)), now);
                }
            }
            stream.scanned(scannedTo);
        }
        return !complete;
    }

    /** Ends every stream (clients reconnect elsewhere or later) and stops the pump. */
    @Override
    public void close() {
        try {
            if (listening != null) {
                listening.close();
            }
        } catch (Exception ignored) {
            // Only removes a listener.
        }
        pump.close();
        for (EventStream stream : List.copyOf(streams)) {
            stream.end();
        }
    }
}
