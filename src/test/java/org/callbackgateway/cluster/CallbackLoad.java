package org.callbackgateway.cluster;

import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Senders calling the gateway through the balancer until stopped: half the requests unsigned notifications
 * (each with a key of its own in the payload), half Standard Webhooks deliveries signed with the source's
 * secret (the key is the {@code webhook-id}). Each request is sent once and never retried, and every answer is
 * kept, so that what was acknowledged can be compared with what was stored.
 */
public final class CallbackLoad implements AutoCloseable {
    /** The signed source the load delivers to. */
    public static final String SOURCE = "cluster";

    /** Which endpoint a request went to. */
    public enum Kind { UNSIGNED, SIGNED }

    /** One request and its answer; {@code status} is -1 when no answer came (connection refused or reset). */
    public record Outcome(Kind kind, String key, int status, String retryAfter, String body, Instant at) {
        public boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    private final URI base;
    private final Webhook signer;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> senders = new ArrayList<>();
    private final long maxRequests;

    private CallbackLoad(URI base, String whsecSecret, long maxRequests) {
        this.base = base;
        this.signer = new Webhook(whsecSecret);
        this.maxRequests = maxRequests;
    }

    /**
     * Starts {@code threads} senders against {@code base}, each pausing {@code pauseMillis} between requests;
     * they stop by themselves after {@code maxSeconds} or {@code maxRequests} requests in all.
     */
    public static CallbackLoad start(URI base, String whsecSecret, int threads, long pauseMillis, int maxSeconds,
                                     long maxRequests) {
        CallbackLoad load = new CallbackLoad(base, whsecSecret, maxRequests);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        for (int i = 0; i < threads; i++) {
            Thread sender = new Thread(() -> load.send(deadline, pauseMillis), "callback-load-" + i);
            sender.setDaemon(true);
            sender.start();
            load.senders.add(sender);
        }
        return load;
    }

    private void send(long deadline, long pauseMillis) {
        while (running.get() && System.nanoTime() < deadline) {
            long n = sequence.incrementAndGet();
            if (n > maxRequests) {
                return;
            }
            outcomes.add(n % 2 == 0 ? unsigned(run + "-" + n) : signed(run + "-" + n));
            if (pauseMillis > 0) {
                ChildProcesses.sleep(pauseMillis);
            }
        }
    }

    private Outcome unsigned(String key) {
        String body = "{\"type\":\"data\",\"payload\":{\"action\":\"share\",\"key\":\"" + key + "\"}}";
        return call(Kind.UNSIGNED, key, HttpRequest.newBuilder(base.resolve("/callbacks/notification"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Outcome signed(String key) {
        String body = "{\"type\":\"sample.event\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{\"key\":\"" + key
                + "\"}}";
        long timestamp = Instant.now().getEpochSecond();
        String signature;
        try {
            signature = signer.sign(key, timestamp, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return call(Kind.SIGNED, key, HttpRequest.newBuilder(base.resolve("/callbacks/webhooks/" + SOURCE))
                .header("Content-Type", "application/json")
                .header("webhook-id", key)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Outcome call(Kind kind, String key, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Outcome(kind, key, response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(), Instant.now());
        } catch (IOException e) {
            return new Outcome(kind, key, -1, null, e.toString(), Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(kind, key, -1, null, e.toString(), Instant.now());
        }
    }

    /** Answers so far. */
    public int answered() {
        return outcomes.size();
    }

    /** Whether the latest {@code count} answers were all successes. */
    public boolean lastAllAcknowledged(int count) {
        List<Outcome> all = List.copyOf(outcomes);
        return all.size() >= count && all.subList(all.size() - count, all.size()).stream().allMatch(Outcome::acknowledged);
    }

    /**
     * Waits until {@code more} further answers arrived (at most {@code seconds}); fails if the senders reached
     * their own bounds first, since what follows would then run without load.
     */
    public void awaitMore(int more, int seconds) {
        int target = outcomes.size() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (outcomes.size() < target && System.nanoTime() < deadline) {
            if (senders.stream().noneMatch(Thread::isAlive)) {
                throw new IllegalStateException("the load ended (time or request bound) after " + outcomes.size()
                        + " answers, before the step it was meant to load");
            }
            ChildProcesses.sleep(20);
        }
    }

    /** Stops the senders, waits for their last answers and returns every outcome. */
    public List<Outcome> stop() {
        running.set(false);
        for (Thread sender : senders) {
            try {
                sender.join(TimeUnit.SECONDS.toMillis(40));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return List.copyOf(outcomes);
    }

    @Override
    public void close() {
        stop();
    }
}
