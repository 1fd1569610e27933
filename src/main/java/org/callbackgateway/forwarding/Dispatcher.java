package org.callbackgateway.forwarding;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due messages and sends them: per subscription at most {@code concurrency} requests in flight from this
 * instance, so that a slow or dead subscriber occupies its own share and never delays the others; a paused
 * subscription gets only its probe. Claims carry a lease (twice the request's timeout and 5 s), so a message
 * whose instance died mid-request is sent again by another once the lease ends.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Jdbi jdbi;
    private final SubscriptionTargets targets;
    private final Composer composer;
    private final HttpForwarder http;
    private final HttpForwarder operatorHttp;
    private final Outcomes outcomes;
    private final int concurrency;
    private final Duration circuitProbe;
    private final Clock clock;
    private final Runnable wake;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    // Results are written here, not on the HTTP client's threads.
    private final ExecutorService recorder = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "forwarding-outcomes");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param http for subscriptions made through the API: only addresses the policy allows
     * @param operatorHttp for the notification agent, whose URL the operator set (and the configuration checked)
     */
    Dispatcher(Jdbi jdbi, SubscriptionTargets targets, Composer composer, HttpForwarder http,
               HttpForwarder operatorHttp, Outcomes outcomes,
               int concurrency, Duration circuitProbe, Clock clock, Runnable wake) {
        this.jdbi = jdbi;
        this.targets = targets;
        this.composer = composer;
        this.http = http;
        this.operatorHttp = operatorHttp;
        this.outcomes = outcomes;
        this.concurrency = concurrency;
        this.circuitProbe = circuitProbe;
        this.clock = clock;
        this.wake = wake;
    }

    /** One round over every subscription; returns how many requests it started. */
    int dispatch() {
        int started = 0;
        for (Target target : targets.current()) {
            started += dispatch(target);
        }
        return started;
    }

    /** Requests in flight from this instance, all subscriptions together. */
    int inFlight() {
        return inFlight.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private int dispatch(Target target) {
        SubscriptionRow subscription = target.subscription();
        AtomicInteger busy = inFlight.computeIfAbsent(subscription.id(), id -> new AtomicInteger());
        int free = concurrency - busy.get();
        if (free <= 0) {
            return 0;
        }
        Instant now = clock.instant();
        boolean probe = subscription.circuitOpenUntil() != null;
        if (probe) {
            if (subscription.circuitOpenUntil().isAfter(now) || busy.get() > 0 || !claimProbe(subscription, now)) {
                return 0;
            }
            free = 1;
        }
        // Twice the timeout and a margin: enough to record the outcome after a request that took all its time.
        Instant leaseUntil = now.plusMillis(2L * subscription.timeoutMs()).plusSeconds(5);
        int limit = free;
        List<OutboundDao.Claimed> claimed = jdbi.withExtension(OutboundDao.class,
                dao -> dao.claim(subscription.id(), now, leaseUntil, limit, probe));
        for (OutboundDao.Claimed message : claimed) {
            busy.incrementAndGet();
            send(target, message, busy);
        }
        return claimed.size();
    }

    private boolean claimProbe(SubscriptionRow subscription, Instant now) {
        return jdbi.withExtension(OutboundDao.class,
                dao -> dao.claimProbe(subscription.id(), now, now.plus(circuitProbe))) == 1;
    }

    private void send(Target target, OutboundDao.Claimed message, AtomicInteger busy) {
        Instant attemptedAt = clock.instant();
        Optional<Composer.Request> request;
        try {
            request = composer.compose(target, message, attemptedAt);
        } catch (Composer.NoActiveSecretException | IllegalStateException e) {
            finish(busy, () -> outcomes.record(message, attemptedAt,
                    new AttemptResult(AttemptResult.FAILED, null, 0, e.getMessage())));
            return;
        }
        if (request.isEmpty()) {
            finish(busy, () -> outcomes.unsendable(message, "the event is no longer in the log"));
            return;
        }
        HttpForwarder client = target.subscription().isAgent() ? operatorHttp : http;
        client.post(URI.create(target.subscription().url()), request.get().headers(), request.get().body(),
                        Duration.ofMillis(target.subscription().timeoutMs()))
                .whenComplete((result, failure) -> finish(busy, () -> outcomes.record(message, attemptedAt,
                        failure == null ? result
                                : new AttemptResult(AttemptResult.UNREACHABLE, null, 0, failure.toString()))));
    }

    private void finish(AtomicInteger busy, Runnable record) {
        recorder.execute(() -> {
            try {
                record.run();
            } catch (RuntimeException e) {
                // The lease runs out and the message is sent again: at least once.
                LOG.warn("recording a forwarding attempt failed: {}", e.toString());
            } finally {
                busy.decrementAndGet();
                wake.run();
            }
        });
    }

    void close() {
        recorder.shutdown();
    }
}
