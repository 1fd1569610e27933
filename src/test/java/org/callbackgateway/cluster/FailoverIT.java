package org.callbackgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.callbackgateway.cluster.CallbackLoad.Outcome;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.LeakWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL failover drill: two instances behind HAProxy on a primary with a synchronous streaming
 * replica, the JDBC URL naming both with {@code targetServerType=primary}. The primary crashes under load and
 * the replica is promoted; the instances answer 503 meanwhile, find the new primary by themselves, and
 * nothing they acknowledged is missing from it.
 */
class FailoverIT {
    private static ReplicatedPostgres postgres;
    private static Cluster cluster;
    private static String webhookSecret;

    @BeforeAll
    static void start() throws Exception {
        Path folder = ClusterIT.folder("FailoverIT");
        postgres = ReplicatedPostgres.start(folder, "callback_gateway");
        cluster = Cluster.on(folder, postgres.gatewayUrl()).instances(2).throughPgBouncer(false, 0).start();
        ApiClient admin = ApiClient.as(cluster.balancer(), Admins.ID, Admins.KEY);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        webhookSecret = LeakWatch.remember("whsec_" + Base64.getEncoder().encodeToString(secret));
        assertThat(admin.post("/admin/sources", "{\"name\":\"" + CallbackLoad.SOURCE + "\"}").statusCode()).isEqualTo(201);
        assertThat(admin.post("/admin/sources/" + CallbackLoad.SOURCE + "/secrets",
                "{\"value\":\"" + webhookSecret + "\"}").statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void promotingTheSynchronousReplicaLosesNothingAcknowledged() throws Exception {
        List<Outcome> outcomes;
        List<Outcome> afterPromotion;
        try (CallbackLoad load = CallbackLoad.start(cluster.balancer(), webhookSecret, 4, 5, 600, 100_000)) {
            load.awaitMore(200, 30);
            postgres.crashPrimary();
            // The time an operator or a failover manager takes to decide: the gateway has no primary meanwhile.
            load.awaitMore(20, 10);
            ChildProcesses.sleep(2000);
            postgres.promoteReplica();
            int promotedAt = load.answered();
            awaitRecovery(load, 60);
            load.awaitMore(200, 30);
            outcomes = load.stop();
            afterPromotion = outcomes.subList(promotedAt, outcomes.size());
        }

        assertThat(StoredDeliveries.read(postgres.replicaUrl()).violations(outcomes)).as(cluster.logs()).isEmpty();
        assertThat(outcomes).allSatisfy(outcome -> {
            if (!outcome.acknowledged()) {
                assertThat(outcome.status()).as(outcome.toString()).isEqualTo(503);
                assertThat(outcome.retryAfter()).as(outcome.toString()).isNotBlank();
            }
        });
        assertThat(outcomes).as("answers during the switch").anyMatch(outcome -> outcome.status() == 503);
        // Recovered without a restart: the instances started once, and the last answers are all successes.
        assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.isAlive()).isTrue());
        List<Outcome> last = afterPromotion.subList(Math.max(0, afterPromotion.size() - 100), afterPromotion.size());
        assertThat(last).hasSizeGreaterThanOrEqualTo(100).allMatch(Outcome::acknowledged);
    }

    /** Waits until 50 answers in a row were successes again. */
    private static void awaitRecovery(CallbackLoad load, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline && !load.lastAllAcknowledged(50)) {
            ChildProcesses.sleep(200);
        }
        assertThat(load.lastAllAcknowledged(50)).as("recovered within " + seconds + " s\n" + cluster.logs()).isTrue();
    }
}
