package org.callbackgateway.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.Seeds;

/**
 * DE jobs of one owner, moved Running then Completed by the notification agent's callbacks through the balancer,
 * each notification sent again until answered 2xx (as the agent retries), one at a time in a thread of its own.
 * Keeps when each change was acknowledged, so that a test can tell how long it took to reach a stream.
 */
final class StatusChanges implements AutoCloseable {
    static final List<String> STATUSES = List.of("Running", "Completed");

    /** A job: its gateway id and the external id its notifications name. */
    record Job(String id, String externalId) {
    }

    private final URI balancer;
    private final List<Job> jobs;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> acknowledgedNanos = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final Thread sender;
    private volatile boolean running = true;

    private StatusChanges(URI balancer, List<Job> jobs, long pauseMillis) {
        this.balancer = balancer;
        this.jobs = jobs;
        this.sender = new Thread(() -> sendAll(pauseMillis), "status-changes");
        this.sender.setDaemon(true);
    }

    /** Creates {@code count} jobs of {@code owner} (Submitted; no change yet). */
    static List<Job> createJobs(ApiClient service, String owner, int count) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> created = service.post("/secured/jobs?user=" + owner,
                    "{\"source\":\"de\",\"name\":\"wc\",\"app_id\":\"wc\",\"notify\":false}");
            if (created.statusCode() != 201) {
                throw new IllegalStateException("creating a job: " + created.statusCode() + " " + created.body());
            }
            String id = Http.json(created).get("id").asText();
            String externalId = UUID.randomUUID().toString().toUpperCase();
            HttpResponse<String> patched = service.patch("/secured/jobs/" + id, "{\"external_id\":\"" + externalId + "\"}");
            if (patched.statusCode() != 200) {
                throw new IllegalStateException("setting the external id: " + patched.statusCode() + " " + patched.body());
            }
            jobs.add(new Job(id, externalId));
        }
        return List.copyOf(jobs);
    }

    /** Starts moving every job through {@link #STATUSES}, pausing {@code pauseMillis} between changes. */
    static StatusChanges start(URI balancer, List<Job> jobs, long pauseMillis) {
        StatusChanges changes = new StatusChanges(balancer, jobs, pauseMillis);
        changes.sender.start();
        return changes;
    }

    private void sendAll(long pauseMillis) {
        try {
            sendEach(pauseMillis);
        } catch (IllegalStateException interrupted) {
            // Closed while pausing.
        }
    }

    private void sendEach(long pauseMillis) {
        for (String status : STATUSES) {
            for (Job job : jobs) {
                while (running && !send(job, status)) {
                    ChildProcesses.sleep(200);
                }
                if (!running) {
                    return;
                }
                acknowledgedNanos.put(key(job.id(), status), System.nanoTime());
                acknowledged.incrementAndGet();
                ChildProcesses.sleep(pauseMillis);
            }
        }
    }

    private boolean send(Job job, String status) {
        HttpRequest request = HttpRequest.newBuilder(balancer.resolve("/callbacks/notification"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Seeds.notification(job.externalId(), status, ""))).build();
        try {
            int answer = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            return answer >= 200 && answer < 300;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    private static String key(String jobId, String status) {
        return jobId + " " + status;
    }

    int acknowledged() {
        return acknowledged.get();
    }

    /** When the change of {@code jobId} to {@code status} was answered 2xx ({@link System#nanoTime()}), or null. */
    Long acknowledgedAt(String jobId, String status) {
        return acknowledgedNanos.get(key(jobId, status));
    }

    /** Waits until every change was acknowledged, or {@code seconds} passed. */
    boolean awaitAll(int seconds) throws InterruptedException {
        sender.join(seconds * 1000L);
        return acknowledged.get() == jobs.size() * STATUSES.size();
    }

    /** Waits until {@code count} changes in all were acknowledged, or {@code seconds} passed. */
    void awaitAcknowledged(int count, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (acknowledged.get() < count && System.nanoTime() < deadline) {
            ChildProcesses.sleep(50);
        }
        if (acknowledged.get() < count) {
            throw new AssertionError("only " + acknowledged.get() + " of " + count + " status changes within " + seconds + " s");
        }
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
    }
}
