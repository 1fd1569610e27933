package org.callbackgateway.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts queued status-change notifications to the notification agent, retrying with backoff until it accepts
 * them; never on a request's path, so a slow agent never slows a callback.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final URI agentUrl;
    private final Clock clock;
    private final int pollSeconds;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "notification-outbox");
        thread.setDaemon(true);
        return thread;
    });

    public OutboxSender(Jdbi jdbi, URI agentUrl, Clock clock, int pollSeconds) {
        this.jdbi = jdbi;
        this.agentUrl = agentUrl;
        this.clock = clock;
        this.pollSeconds = pollSeconds;
    }

    public void start() {
        executor.scheduleWithFixedDelay(() -> {
            try {
                sendDue();
            } catch (RuntimeException e) {
                LOG.warn("notification outbox round failed: {}", e.toString());
            }
        }, pollSeconds, pollSeconds, TimeUnit.SECONDS);
    }

    /** Posts what is due; returns how many the agent accepted. */
    public int sendDue() {
        Instant now = clock.instant();
        List<OutboxDao.Pending> due = jdbi.withExtension(OutboxDao.class,
                dao -> dao.claimDue(now, now.plus(TIMEOUT.multipliedBy(3)), BATCH));
        int sent = 0;
        for (OutboxDao.Pending pending : due) {
            String error = post(pending.payload());
            if (error == null) {
                jdbi.useExtension(OutboxDao.class, dao -> dao.sent(pending.id()));
                sent++;
            } else {
                Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 10L << Math.min(pending.attempts(), 16)));
                jdbi.useExtension(OutboxDao.class, dao -> dao.failed(pending.id(), clock.instant().plus(backoff), error));
                LOG.info("notification {} not accepted ({}); next try in {}", pending.id(), error, backoff);
            }
        }
        return sent;
    }

    /** Null when the agent accepted it, else why not. */
    private String post(String payload) {
        HttpRequest request = HttpRequest.newBuilder(agentUrl)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "answered " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
