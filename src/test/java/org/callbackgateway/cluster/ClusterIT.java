package org.callbackgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.callbackgateway.cluster.CallbackLoad.Outcome;
import org.callbackgateway.cluster.HpcUpstream.AgaveJob;
import org.callbackgateway.stream.SseClient;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two gateway instances behind HAProxy, on one PostgreSQL through PgBouncer in transaction pooling mode, each
 * instance a JVM of its own, listening for the event log's notifications on a direct connection. Every request
 * goes through the balancer, as a sender's would. The event log's and the streams' polls are set to their
 * longest (60 s), so that whatever reaches a stream or a subscriber in seconds was woken by {@code LISTEN}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final Pattern LOOKUP = Pattern.compile("HPC lookup for job ([0-9a-f-]{36}): ");

    /** The polls of the event log and the streams: only notifications can deliver sooner. */
    private static final Duration POLL = Duration.ofSeconds(60);
    /** How late a change may reach a stream: generous for a loaded machine, yet well below {@link #POLL}. */
    private static final Duration WAKE_UP_BOUND = Duration.ofSeconds(15);

    private static TestDatabase database;
    private static HpcUpstream hpc;
    private static Cluster cluster;
    private static ApiClient service;
    private static String serviceKey;
    private static ApiClient admin;
    private static String webhookSecret;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("cluster_it");
        hpc = new HpcUpstream();
        cluster = Cluster.on(folder("ClusterIT"), database.url()).instances(2).throughPgBouncer(true, 6)
                .settings(hpc.settings()).settings("GATEWAY_SUBSCRIPTIONS_ALLOW_PRIVATE", "true")
                .settings("GATEWAY_EVENTS_POLL_MS", Long.toString(POLL.toMillis()),
                        "GATEWAY_STREAM_POLL_MS", Long.toString(POLL.toMillis()))
                .start();
        admin = ApiClient.as(cluster.balancer(), Admins.ID, Admins.KEY);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        webhookSecret = LeakWatch.remember("whsec_" + Base64.getEncoder().encodeToString(secret));
        assertThat(admin.post("/admin/sources", "{\"name\":\"" + CallbackLoad.SOURCE + "\"}").statusCode()).isEqualTo(201);
        assertThat(admin.post("/admin/sources/" + CallbackLoad.SOURCE + "/secrets",
                "{\"value\":\"" + webhookSecret + "\"}").statusCode()).isEqualTo(201);
        serviceKey = LeakWatch.remember(Http.json(admin.post("/admin/clients",
                "{\"client_id\":\"apps\",\"role\":\"service\"}")).get("client_key").asText());
        service = ApiClient.as(cluster.balancer(), "apps", serviceKey);
    }

    /** Where the cluster's configuration and logs stay after the run, for a look when a test failed. */
    static Path folder(String name) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Files.createDirectories(Path.of("target", "cluster", name + "-" + stamp)).toAbsolutePath();
    }

    @AfterAll
    static void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (hpc != null) {
                hpc.close();
            }
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    @Order(1)
    void anInstanceKilledUnderLoadLosesNothingAcknowledged() {
        GatewayNode victim = cluster.node(1);
        List<Outcome> outcomes;
        long sentAfterRestart;
        try (CallbackLoad load = CallbackLoad.start(cluster.balancer(), webhookSecret, 6, 5, 600, 100_000)) {
            load.awaitMore(200, 30);
            victim.kill();
            load.awaitMore(200, 30);
            cluster.restart(victim);
            long sentBefore = cluster.haproxy().sent(victim);
            load.awaitMore(200, 30);
            sentAfterRestart = cluster.haproxy().sent(victim) - sentBefore;
            outcomes = load.stop();
        }

        assertThat(StoredDeliveries.read(database.url()).violations(outcomes)).as(cluster.logs()).isEmpty();
        assertThat(outcomes.stream().filter(Outcome::acknowledged).count()).isGreaterThan(300);
        // Only requests in flight at the killed instance fail: the balancer's 502 or 503, or (for a request it had
        // sent on a kept-alive connection to that instance) a closed connection, as the instance itself would.
        List<Outcome> failed = outcomes.stream().filter(outcome -> !outcome.acknowledged()).toList();
        assertThat(failed).allSatisfy(outcome -> assertThat(outcome.status()).as(outcome.toString()).isIn(-1, 502, 503));
        assertThat(failed.size()).isLessThan(50);
        assertThat(sentAfterRestart).as("requests the restarted instance served").isPositive();
    }

    @Test
    @Order(2)
    void theStreamOnTheSurvivorDeliversEveryStatusChangeInOrderOnceWhileAnotherInstanceIsKilled() throws Exception {
        String owner = "streamer-" + UUID.randomUUID().toString().substring(0, 8);
        List<StatusChanges.Job> jobs = StatusChanges.createJobs(service, owner, 15);
        int expected = jobs.size() * StatusChanges.STATUSES.size();
        GatewayNode survivor = cluster.node(0);
        GatewayNode victim = cluster.node(1);
        String token = ApiClient.token(survivor.baseUri(), "apps", serviceKey);
        List<SseClient.Frame> received;
        int acknowledgedBeforeKill;
        boolean allAcknowledged;
        try (SseClient stream = SseClient.open(survivor.baseUri().resolve("/secured/events?user=" + owner), token, null);
             CallbackLoad load = CallbackLoad.start(cluster.balancer(), webhookSecret, 4, 5, 600, 100_000)) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            try (StatusChanges changes = StatusChanges.start(cluster.balancer(), jobs, 150)) {
                changes.awaitAcknowledged(8, 60);
                victim.kill();
                acknowledgedBeforeKill = changes.acknowledged();
                allAcknowledged = changes.awaitAll(120);
                received = stream.take(expected, Duration.ofSeconds(60));
                assertThat(stream.more(Duration.ofSeconds(2))).as("events beyond the changes made").isEmpty();
                assertThat(received).as("changes delivered no later than %s after their answer", WAKE_UP_BOUND)
                        .allSatisfy(frame -> {
                            String jobId = frame.data().get("data").get("job_id").asText();
                            Long answered = changes.acknowledgedAt(jobId, frame.data().get("data").get("new_status").asText());
                            assertThat(answered).as("an acknowledged change").isNotNull();
                            assertThat(Duration.ofNanos(frame.arrivedNanos() - answered)).isLessThan(WAKE_UP_BOUND);
                        });
            }
            load.stop();
        }
        cluster.restart(victim);

        assertThat(allAcknowledged).as("every change acknowledged\n" + cluster.logs()).isTrue();
        assertThat(acknowledgedBeforeKill).as("changes left to make after the kill").isLessThan(expected - 10);
        List<Long> positions = received.stream().map(SseClient.Frame::id).toList();
        assertThat(positions).as("positions strictly increasing").isSorted().doesNotHaveDuplicates();
        assertThat(positions).as("exactly the log's events of the filter").isEqualTo(database.jdbi().withHandle(handle ->
                handle.createQuery("SELECT position FROM events WHERE type = 'job.status_changed' AND job_owner = :owner"
                        + " ORDER BY position NULLS LAST").bind("owner", owner).mapTo(Long.class).list()));
        for (StatusChanges.Job job : jobs) {
            assertThat(received.stream().filter(frame -> frame.data().get("data").get("job_id").asText().equals(job.id()))
                    .map(frame -> frame.data().get("data").get("new_status").asText()))
                    .as("changes of " + job.id()).containsExactlyElementsOf(StatusChanges.STATUSES);
        }
    }

    @Test
    @Order(3)
    void dueHpcLookupsTheirNotificationsAndForwardingRunOnceAcrossInstances() {
        assertThat(admin.post("/admin/subscriptions", "{\"url\":\"" + hpc.agent.baseUri() + "/events\","
                + "\"event_types\":[\"job.status_changed\"]}").statusCode()).isEqualTo(201);
        List<AgaveJob> jobs = hpc.dueJobs(database, service, 40);
        String ids = jobs.stream().map(job -> "'" + job.id() + "'").collect(Collectors.joining(","));
        long completed = 0;
        for (int i = 0; i < 300 && completed < jobs.size(); i++) {
            ChildProcesses.sleep(200);
            completed = database.count("SELECT count(*) FROM jobs WHERE status = 'Completed' AND id IN (" + ids + ")");
        }
        assertThat(completed).as(cluster.logs()).isEqualTo(jobs.size());
        for (int i = 0; i < 100 && (hpc.agent.requestsTo("/notifications").size() < jobs.size()
                || hpc.agent.requestsTo("/events").size() < jobs.size()); i++) {
            ChildProcesses.sleep(100);
        }
        // Two more poll rounds of every instance, for any second claim to show.
        ChildProcesses.sleep(2500);

        assertThat(jobs).allSatisfy(job -> {
            assertThat(hpc.agave.requestsTo(job.lookupPath())).as("lookups of " + job.id()).hasSize(1);
            assertThat(hpc.notificationsFor(job.id())).as("notifications of " + job.id()).isEqualTo(1);
            assertThat(hpc.forwardedCompletions(job.id())).as("forwarded completions of " + job.id()).isEqualTo(1);
        });
        assertThat(database.count("SELECT count(*) FROM hpc_lookup_retries WHERE job_id::text IN (" + ids + ")")).isZero();
        Map<String, Long> lookupsByInstance = lookupsByInstance(jobs);
        assertThat(lookupsByInstance.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(jobs.size());
        assertThat(lookupsByInstance.values().stream().filter(count -> count > 0)).as("instances that ran lookups")
                .hasSizeGreaterThanOrEqualTo(2);
    }

    private static Map<String, Long> lookupsByInstance(List<AgaveJob> jobs) {
        List<String> ids = jobs.stream().map(AgaveJob::id).toList();
        return cluster.nodes().stream().collect(Collectors.toMap(GatewayNode::name, node -> {
            try {
                return Files.readAllLines(node.log(), StandardCharsets.UTF_8).stream().map(LOOKUP::matcher)
                        .filter(Matcher::find).filter(matcher -> ids.contains(matcher.group(1))).count();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    @Test
    @Order(4)
    void aRollingRestartUnderLoadAnswersNothingButSuccessOr503WithRetryAfter() {
        List<Outcome> outcomes;
        try (CallbackLoad load = CallbackLoad.start(cluster.balancer(), webhookSecret, 6, 5, 900, 150_000)) {
            load.awaitMore(100, 30);
            for (GatewayNode node : cluster.nodes()) {
                cluster.haproxy().drain(node);
                cluster.haproxy().awaitIdle(node, 30);
                node.stop();
                node.start();
                cluster.haproxy().ready(node);
                cluster.haproxy().awaitUp(node, 60);
                load.awaitMore(100, 30);
            }
            outcomes = load.stop();
        }

        assertThat(outcomes).allSatisfy(outcome -> {
            if (!outcome.acknowledged()) {
                assertThat(outcome.status()).as(outcome.toString()).isEqualTo(503);
                assertThat(outcome.retryAfter()).as(outcome.toString()).isNotBlank();
            }
        });
        assertThat(StoredDeliveries.read(database.url()).violations(outcomes)).isEmpty();
        assertThat(outcomes.stream().filter(Outcome::acknowledged).count()).isGreaterThan(200);
    }

    @Test
    @Order(5)
    void noInstanceLoggedASecret() throws IOException {
        List<String> secrets = List.of(webhookSecret, Admins.KEY, TestSettings.SIGNING_KEY, TestSettings.ENCRYPTION_KEY);
        for (GatewayNode node : cluster.nodes()) {
            String log = Files.readString(node.log(), StandardCharsets.UTF_8);
            assertThat(secrets).as(node.name()).allSatisfy(secret -> assertThat(log).doesNotContain(secret));
        }
    }
}
