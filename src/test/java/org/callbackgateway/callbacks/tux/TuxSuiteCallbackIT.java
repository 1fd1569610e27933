package org.callbackgateway.callbacks.tux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.callbackgateway.callbacks.SignedGateway.assertAccepted;
import static org.callbackgateway.callbacks.SignedGateway.assertRefused;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.callbackgateway.callbacks.SignedDelivery;
import org.callbackgateway.callbacks.SignedGateway;
import org.callbackgateway.callbacks.sources.NewSecret;
import org.callbackgateway.callbacks.sources.NewSource;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.StatusUpdate;
import org.callbackgateway.testing.Http;
import org.callbackgateway.web.ApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TuxSuiteCallbackIT {
    private static SignedGateway gateway;
    private static KeysServer keysServer;

    @BeforeAll
    static void start() throws Exception {
        // No wait between keys refetches, so that a rotation is picked up on the first failure.
        gateway = SignedGateway.start("tux_it", Map.of("GATEWAY_KEYS_REFETCH_SECONDS", "0"));
        keysServer = new KeysServer();
    }

    @AfterAll
    static void stop() throws Exception {
        keysServer.close();
        gateway.close();
    }

    private static Job job(String uid) {
        UUID id = gateway.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT id FROM jobs WHERE source = 'tuxsuite' AND external_id = ?").bind(0, uid)
                .mapTo(UUID.class).one());
        return new JobService(gateway.database().jdbi(), java.time.Clock.systemUTC()).find(id).orElseThrow();
    }

    private static String publicKey(KeyPair pair) {
        return OpenSshKeys.format((ECPublicKey) pair.getPublic(), "tuxsuite");
    }

    @Nested
    class WithConfiguredKey {
        private KeyPair key;
        private UUID keyId;

        @BeforeEach
        void register() throws Exception {
            key = OpenSshKeysTest.p256();
            gateway.reset(new NewSource("tuxsuite", null, null, null, null, null));
            keyId = gateway.sources().addSecret("tuxsuite", new NewSecret("tuxsuite", null, publicKey(key), null, null),
                    "test").id();
        }

        @Test
        void seedSampleSignedAsTuxSuiteSignsItCreatesTheJob() {
            assertAccepted(SignedDelivery.tuxsuite().body(TuxPayloads.sample()).privateKey(key.getPrivate())
                    .send(gateway.base()));

            Job job = job("2MBYa8FhoBHkRCX2BMMPusjuClf");
            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.owner()).isEqualTo("demo.user@linaro.org");
            assertThat(job.name()).isEqualTo("test qemu-arm64 boot");
            assertThat(job.appId()).isEqualTo("test");
            assertThat(job.startDate()).isEqualTo(Instant.parse("2023-02-24T12:42:27.314447Z"));
            assertThat(job.endDate()).isEqualTo(Instant.parse("2023-02-24T12:44:23.178581Z"));
            assertThat(gateway.latest("tuxsuite").deliveryKey())
                    .isEqualTo("test:2MBYa8FhoBHkRCX2BMMPusjuClf:finished:pass");
            assertThat(gateway.latest("tuxsuite").eventType()).isEqualTo("test");
            assertThat(gateway.latest("tuxsuite").verificationDetail()).contains("key " + keyId);
        }

        @Test
        void doubleEncodedPayloadIsVerifiedOverItsContentAndApplied() {
            String uid = "dbl" + UUID.randomUUID().toString().replace("-", "");

            assertAccepted(SignedDelivery.tuxsuite().body(TuxPayloads.test(uid, "running", "unknown", "tuxsuite/demo"))
                    .privateKey(key.getPrivate()).doubleEncoded().send(gateway.base()));

            assertThat(job(uid).status()).isEqualTo(JobStatus.RUNNING);
            assertThat(gateway.latest("tuxsuite").verificationDetail()).contains("double-encoded content");
        }

        @Test
        void signatureWithoutPaddingIsAccepted() {
            String uid = "nopad" + UUID.randomUUID().toString().replace("-", "");
            byte[] body = TuxPayloads.test(uid, "waiting", "unknown", "tuxsuite/demo").getBytes(StandardCharsets.UTF_8);
            String signature = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(SignedDelivery.sign("SHA256withECDSA", key.getPrivate(), body));

            assertAccepted(Http.send(HttpRequest.newBuilder(gateway.base().resolve("/callbacks/tuxsuite"))
                    .header("Content-Type", "application/json").header("x-tux-payload-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))));

            assertThat(job(uid).status()).isEqualTo(JobStatus.SUBMITTED);
        }

        @Test
        void statesMoveTheJobForwardAndAreRecordedInItsHistory() {
            String uid = "flow" + UUID.randomUUID().toString().replace("-", "");
            for (String[] step : List.of(new String[] {"provisioning", "unknown"}, new String[] {"running", "unknown"},
                    new String[] {"finished", "fail"}, new String[] {"waiting", "unknown"})) {
                HttpResponse response = new HttpResponse(SignedDelivery.tuxsuite()
                        .body(TuxPayloads.test(uid, step[0], step[1], "tuxsuite/demo")).privateKey(key.getPrivate())
                        .send(gateway.base()).statusCode());
                assertThat(response.status()).isEqualTo(200);
            }

            Job job = job(uid);
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            List<StatusUpdate> history = new JobStatusService(gateway.database().jdbi(), java.time.Clock.systemUTC())
                    .history(job.id());
            assertThat(history).extracting(StatusUpdate::remoteStatus)
                    .containsExactly("provisioning/unknown", "running/unknown", "finished/fail", "waiting/unknown");
            assertThat(history).extracting(StatusUpdate::outcome).containsExactly(StatusUpdate.Outcome.IGNORED,
                    StatusUpdate.Outcome.APPLIED, StatusUpdate.Outcome.APPLIED, StatusUpdate.Outcome.IGNORED);
        }

        @Test
        void keyOfAnotherGroupDoesNotVerify() throws Exception {
            KeyPair other = OpenSshKeysTest.p256();
            gateway.sources().addSecret("tuxsuite", new NewSecret("linaro", null, publicKey(other), null, null), "test");

            assertRefused(SignedDelivery.tuxsuite().body(TuxPayloads.test("grp1", "running", "unknown", "tuxsuite/demo"))
                    .privateKey(other.getPrivate()).send(gateway.base()));
        }

        @Test
        void verifiedPayloadWithoutUidAnswers400AndIsStoredAsInvalid() {
            String body = TuxPayloads.test("", "running", "unknown", "tuxsuite/demo");

            HttpResponse response = new HttpResponse(SignedDelivery.tuxsuite().body(body).privateKey(key.getPrivate())
                    .send(gateway.base()).statusCode());

            assertThat(response.status()).isEqualTo(400);
            assertThat(gateway.latest("tuxsuite").processing()).isEqualTo("invalid");
            assertThat(gateway.latest("tuxsuite").verification()).isEqualTo("verified");
        }

        @Test
        void keyOfAnotherTypeCannotBeRegistered() {
            assertThatThrownBy(() -> gateway.sources().addSecret("tuxsuite", new NewSecret("tuxsuite", null,
                    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl", null, null), "test"))
                    .isInstanceOfSatisfying(ApiException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(400);
                        assertThat(refused.getMessage()).contains("ecdsa-sha2-nistp256");
                    });
        }
    }

    /** A status code, so that a loop reads plainly. */
    private record HttpResponse(int status) {
    }

    @Nested
    class WithKeysUrl {
        @Test
        void keyFromTheKeysUrlVerifiesAndARotationIsPickedUpAfterAFailure() throws Exception {
            KeyPair first = OpenSshKeysTest.p256();
            KeyPair second = OpenSshKeysTest.p256();
            keysServer.serve(publicKey(first));
            gateway.reset(new NewSource("tuxsuite", null, null, null, null, keysServer.template()));

            assertAccepted(SignedDelivery.tuxsuite().body(TuxPayloads.test("url1", "running", "unknown", "tuxsuite/demo"))
                    .privateKey(first.getPrivate()).send(gateway.base()));
            keysServer.serve(publicKey(second));
            assertAccepted(SignedDelivery.tuxsuite().body(TuxPayloads.test("url2", "running", "unknown", "tuxsuite/demo"))
                    .privateKey(second.getPrivate()).send(gateway.base()));

            assertThat(keysServer.requests()).contains("/v1/groups/tuxsuite/projects/demo/keys");
            assertRefused(SignedDelivery.tuxsuite().body(TuxPayloads.test("url3", "running", "unknown", "tuxsuite/demo"))
                    .privateKey(first.getPrivate()).send(gateway.base()));
        }
    }
}
