package org.callbackgateway.callbacks.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbackgateway.callbacks.SignedGateway.assertAccepted;
import static org.callbackgateway.callbacks.SignedGateway.assertRefused;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.callbackgateway.callbacks.DeliveryRow;
import org.callbackgateway.callbacks.SignedDelivery;
import org.callbackgateway.callbacks.SignedGateway;
import org.callbackgateway.callbacks.sources.NewSecret;
import org.callbackgateway.callbacks.sources.NewSource;
import org.callbackgateway.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ForgeCallbackIT {
    private static final String REPO = "https://forge.example.org/snow-dog/wc";
    private static final String REPO_SECRET = "repository-secret-0123456789";
    private static final String SOURCE_SECRET = "source-wide-secret-0123456789";

    private static SignedGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = SignedGateway.start("forge_it", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static void register(String source, boolean allowSha1, String... secrets) {
        gateway.reset(new NewSource(source, null, null, null, allowSha1, null));
        for (String secret : secrets) {
            gateway.sources().addSecret(source, new NewSecret(null, null, secret, null, null), "test");
        }
    }

    private static String push(String repository) {
        return "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"snow-dog/wc\",\"html_url\":\""
                + repository + "\"}}";
    }

    @Nested
    class GitHub {
        @Test
        void publishedTestVectorIsAccepted() {
            register("github", false, "It's a Secret to Everybody");

            assertAccepted(Http.send(HttpRequest.newBuilder(gateway.base().resolve("/callbacks/github"))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "ping")
                    .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                    .header("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
                    .POST(HttpRequest.BodyPublishers.ofString("Hello, World!", StandardCharsets.UTF_8))));

            DeliveryRow stored = gateway.latest("github");
            assertThat(stored.eventType()).isEqualTo("ping");
            assertThat(stored.deliveryKey()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
            assertThat(stored.headers()).contains("x-github-event").doesNotContain("x-hub-signature");
        }

        @Test
        void legacySha1SignatureIsRefusedUnlessTheSourceAllowsIt() {
            register("github", false, SOURCE_SECRET);
            assertRefused(SignedDelivery.github().body(push(REPO)).secret(SOURCE_SECRET).sha1().send(gateway.base()));
            assertThat(gateway.latest("github").verificationDetail()).contains("does not allow it");

            register("github", true, SOURCE_SECRET);
            assertAccepted(SignedDelivery.github().body(push(REPO)).secret(SOURCE_SECRET).sha1().send(gateway.base()));
        }

        @Test
        void repositorySecretIsUsedForItsRepositoryAndTheSourceWideOneForOthers() {
            register("github", false, SOURCE_SECRET);
            gateway.sources().addSecret("github", new NewSecret(REPO + "/", null, REPO_SECRET, null, null), "test");

            assertAccepted(SignedDelivery.github().body(push(REPO)).secret(REPO_SECRET).send(gateway.base()));
            assertRefused(SignedDelivery.github().body(push(REPO)).secret(SOURCE_SECRET).send(gateway.base()));
            assertAccepted(SignedDelivery.github().body(push("https://forge.example.org/other/repo"))
                    .secret(SOURCE_SECRET).send(gateway.base()));
        }

        @Test
        void malformedSignatureHeaderIsRefused() {
            register("github", false, SOURCE_SECRET);

            assertRefused(SignedDelivery.github().body(push(REPO)).secret(SOURCE_SECRET)
                    .header("X-Hub-Signature-256", "md5=abc").send(gateway.base()));
            assertThat(gateway.latest("github").verificationDetail()).startsWith("malformed X-Hub-Signature-256");
        }
    }

    @Nested
    class Gitea {
        @Test
        void forgejoAndHubSignatureHeadersAreAcceptedToo() {
            register("gitea", false, SOURCE_SECRET);
            byte[] body = push(REPO).getBytes(StandardCharsets.UTF_8);
            String hex = java.util.HexFormat.of().formatHex(SignedDelivery.hmac("HmacSHA256", SOURCE_SECRET, body));

            assertAccepted(Http.send(HttpRequest.newBuilder(gateway.base().resolve("/callbacks/gitea"))
                    .header("Content-Type", "application/json").header("X-Forgejo-Event", "push")
                    .header("X-Forgejo-Delivery", "forgejo-1").header("X-Forgejo-Signature", hex)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
            assertThat(gateway.latest("gitea").deliveryKey()).isEqualTo("forgejo-1");
            assertThat(gateway.latest("gitea").eventType()).isEqualTo("push");

            assertAccepted(Http.send(HttpRequest.newBuilder(gateway.base().resolve("/callbacks/gitea"))
                    .header("Content-Type", "application/json").header("X-Gitea-Delivery", "gitea-2")
                    .header("X-Hub-Signature-256", "sha256=" + hex)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
        }
    }

    @Nested
    class GitLab {
        private static final String PROJECT = "https://gitlab.example.org/snow-dog/wc";

        private String event() {
            return "{\"object_kind\":\"push\",\"project\":{\"git_http_url\":\"" + PROJECT + ".git\",\"web_url\":\""
                    + PROJECT + "\"}}";
        }

        @Test
        void projectTokenIsFoundByWebUrl() {
            register("gitlab", false, SOURCE_SECRET);
            gateway.sources().addSecret("gitlab", new NewSecret(PROJECT, null, REPO_SECRET, null, null), "test");

            assertAccepted(SignedDelivery.gitlab().body(event()).secret(REPO_SECRET).send(gateway.base()));
            assertRefused(SignedDelivery.gitlab().body(event()).secret(SOURCE_SECRET).send(gateway.base()));
            assertThat(gateway.latest("gitlab").eventType()).isEqualTo("Push Hook");
        }

        /** A delivery with GitLab's headers; a null value leaves that header out (GitLab before 17.4). */
        private java.net.http.HttpResponse<String> deliver(String body, String event, String eventUuid,
                                                           String webhookUuid, String idempotencyKey) {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.base().resolve("/callbacks/gitlab"))
                    .header("Content-Type", "application/json").header("X-Gitlab-Token", SOURCE_SECRET)
                    .header("User-Agent", "GitLab/17.6.0-ee").header("X-Gitlab-Event", event)
                    .header("X-Gitlab-Instance", "https://gitlab.example.org")
                    .header("X-Gitlab-Event-UUID", eventUuid).header("X-Gitlab-Webhook-UUID", webhookUuid);
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return Http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        @Test
        void aRetryWithTheSameIdempotencyKeyIsADuplicate() {
            register("gitlab", false, SOURCE_SECRET);
            String key = java.util.UUID.randomUUID().toString();
            String eventUuid = java.util.UUID.randomUUID().toString();

            java.net.http.HttpResponse<String> first = deliver(event(), "Push Hook", eventUuid, "hook-a", key);
            java.net.http.HttpResponse<String> retry = deliver(event(), "Push Hook", eventUuid, "hook-a", key);

            assertAccepted(first);
            assertThat(first.body()).doesNotContain("duplicate");
            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).contains("\"duplicate\":true");
            assertThat(gateway.latest("gitlab").deliveryKey()).isNull();
        }

        @Test
        void aRecursiveHookSharingTheEventUuidIsNotADuplicate() {
            register("gitlab", false, SOURCE_SECRET);
            // GitLab gives every webhook triggered by an earlier webhook's API call the same X-Gitlab-Event-UUID.
            String eventUuid = java.util.UUID.randomUUID().toString();

            java.net.http.HttpResponse<String> push = deliver(event(), "Push Hook", eventUuid, "hook-a",
                    java.util.UUID.randomUUID().toString());
            java.net.http.HttpResponse<String> issue = deliver(event(), "Issue Hook", eventUuid, "hook-b",
                    java.util.UUID.randomUUID().toString());

            assertThat(push.body()).isEqualTo("{\"success\":true}");
            assertThat(issue.body()).isEqualTo("{\"success\":true}");
        }

        @Test
        void withoutIdempotencyKeyTheEventUuidCountsOnlyWithItsHookAndEvent() {
            register("gitlab", false, SOURCE_SECRET);
            String eventUuid = java.util.UUID.randomUUID().toString();

            assertThat(deliver(event(), "Push Hook", eventUuid, "hook-a", null).body()).isEqualTo("{\"success\":true}");
            assertThat(gateway.latest("gitlab").deliveryKey()).isEqualTo(eventUuid + ":hook-a:Push Hook");
            assertThat(deliver(event(), "Issue Hook", eventUuid, "hook-b", null).body()).isEqualTo("{\"success\":true}");
            assertThat(deliver(event(), "Push Hook", eventUuid, "hook-a", null).body()).contains("\"duplicate\":true");
        }

        @Test
        void aJobHookFindsItsProjectsSecretByRepository() {
            register("gitlab", false, SOURCE_SECRET);
            gateway.sources().addSecret("gitlab", new NewSecret(PROJECT, null, REPO_SECRET, null, null), "test");
            // A Job Hook as GitLab's webhook documentation shows it ("Job events"): object_kind "build",
            // the project only as "repository".
            String jobEvent = """
                    {"object_kind": "build", "ref": "gitlab-script-trigger", "tag": false,
                     "before_sha": "2293ada6b400935a1378653304eaf6221e0fdb8f",
                     "sha": "2293ada6b400935a1378653304eaf6221e0fdb8f", "build_id": 1977, "build_name": "test",
                     "build_stage": "test", "build_status": "created", "build_started_at": null,
                     "build_finished_at": null, "build_duration": null, "build_allow_failure": false,
                     "project_id": 380, "project_name": "snow-dog / wc",
                     "user": {"id": 3, "name": "User", "email": "user@gitlab.com"},
                     "commit": {"id": 2366, "sha": "2293ada6b400935a1378653304eaf6221e0fdb8f", "message": "test\\n",
                                "author_name": "User", "author_email": "user@gitlab.com", "status": "created",
                                "duration": null, "started_at": null, "finished_at": null},
                     "repository": {"name": "wc", "description": "", "homepage": "%s",
                                    "git_ssh_url": "git@gitlab.example.org:snow-dog/wc.git",
                                    "git_http_url": "%s.git", "visibility_level": 20}}
                    """.formatted(PROJECT, PROJECT);

            assertAccepted(SignedDelivery.gitlab().body(jobEvent).secret(REPO_SECRET)
                    .header("X-Gitlab-Event", "Job Hook").send(gateway.base()));
            assertRefused(SignedDelivery.gitlab().body(jobEvent).secret(SOURCE_SECRET)
                    .header("X-Gitlab-Event", "Job Hook").send(gateway.base()));
        }

        @Test
        void standardWebhooksSignatureWithASigningTokenIsVerifiedOverTheBody() {
            String signingToken = SignedGateway.newKey(SignedDelivery.Sender.STANDARD).registered();
            register("gitlab", false, signingToken);

            HttpRequest.Builder signed = SignedDelivery.standard("ignored").body(event()).secret(signingToken)
                    .request(gateway.base()).uri(gateway.base().resolve("/callbacks/gitlab"));
            assertAccepted(Http.send(signed));
            assertThat(gateway.latest("gitlab").verificationDetail()).startsWith("v1 signature matched");

            HttpRequest.Builder tampered = SignedDelivery.standard("ignored").body(event()).secret(signingToken)
                    .tampered().request(gateway.base()).uri(gateway.base().resolve("/callbacks/gitlab"));
            assertRefused(Http.send(tampered));
        }
    }
}
