package org.callbackgateway.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.callbackgateway.config.StreamConfig;
import org.callbackgateway.events.Event;
import org.callbackgateway.events.EventLog;
import org.callbackgateway.events.EventQuery;
import org.callbackgateway.forwarding.EventEnvelopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's open streams and the one thread that feeds them. On each advance of the event log (any
 * instance's appends, told by {@link EventLog#onAdvance}) and on a timer, it reads new events once per distinct
 * filter and position, and queues them on every stream of that group; the timer also sends heartbeats and ends
 * streams whose token expired or was revoked (within the client cache's staleness bound). The log is the truth: a missed wake-up only delays events until the next tick.
 */
final class StreamHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

    private final EventLog log;
    private final EventEnvelopes envelopes;
    private final StreamConfig config;
    private final Clock clock;
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perCaller = new HashMap<>();
    private final ScheduledExecutorService pump = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-stream-pump");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile long head;
    private AutoCloseable listening;
    private int open;

    StreamHub(EventLog log, EventEnvelopes envelopes, StreamConfig config, Clock clock) {
        this.log = log;
        this.envelopes = envelopes;
        this.config = config;
        this.clock = clock;
    }

    void start() {
        listening = log.onAdvance(position -> {
            head = Math.max(head, position);
            wake();
        });
        long poll = config.poll().toMillis();
        pump.scheduleWithFixedDelay(this::tick, poll, poll, TimeUnit.MILLISECONDS);
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
        wake();
    }

    /** Called once by each stream as it ends. */
    void remove(EventStream stream) {
        streams.remove(stream);
        release(stream.caller());
    }

    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                pump.execute(() -> {
                    wakePending.set(false);
                    deliver();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakePending.set(false);
            }
        }
    }

    private void tick() {
        try {
            head = Math.max(head, log.head());
        } catch (RuntimeException e) {
            LOG.warn("event streams could not read the log's head: {}", e.toString());
        }
        Instant now = clock.instant();
        for (EventStream stream : streams) {
            if (!now.isBefore(stream.expiresAt()) || stream.revoked()) {
                stream.end();
            } else if (!stream.busy() && !now.isBefore(stream.lastWrite().plus(config.heartbeat()))) {
                stream.heartbeat(now);
            }
        }
        deliver();
    }

    private void deliver() {
        long known = head;
        Map<EventQuery, List<EventStream>> groups = new LinkedHashMap<>();
        for (EventStream stream : streams) {
            EventQuery next = stream.next();
            if (next.afterPosition() < known && !stream.busy()) {
                groups.computeIfAbsent(next, query -> new java.util.ArrayList<>()).add(stream);
            }
        }
        Map<Long, String> bodies = new HashMap<>();
        boolean more = false;
        for (Map.Entry<EventQuery, List<EventStream>> group : groups.entrySet()) {
            try {
                List<Event> events = log.read(group.getKey());
                boolean complete = events.size() < group.getKey().limit();
                more |= !complete;
                long last = events.isEmpty() ? group.getKey().afterPosition() : events.get(events.size() - 1).position();
                Instant now = clock.instant();
                for (EventStream stream : group.getValue()) {
                    for (Event event : events) {
                        stream.send(event, bodies.computeIfAbsent(event.position(), p -> envelopes.of(event)), now);
                    }
                    // A short read saw everything up to the head known before it: nothing there is left behind.
                    stream.scanned(complete ? Math.max(known, last) : last);
                }
            } catch (RuntimeException e) {
                LOG.warn("event streams could not read the log: {}", e.toString());
                return;
            }
        }
        if (more) {
            wake();
        }
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
        pump.shutdownNow();
        for (EventStream stream : List.copyOf(streams)) {
            stream.end();
        }
    }
}
