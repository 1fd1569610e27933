package org.callbackgateway.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Realistic deliveries of about 2 KB for each benchmark scenario, signed as their senders sign them, each with a
 * delivery id of its own.
 */
final class BenchDeliveries {
    private static final String[] STATUSES = {"Running", "Completed"};

    /** One request: header lines (no request line, no Host) and the raw body. */
    record Request(List<String> headers, byte[] body) {
    }

    private final BenchSecrets secrets;
    private final List<String> jobIds;
    private final long epochSeconds;

    BenchDeliveries(BenchSecrets secrets, List<String> jobIds, long epochSeconds) {
        this.secrets = secrets;
        this.jobIds = jobIds;
        this.epochSeconds = epochSeconds;
    }

    /**
     * A DE notification-agent status change for a job of the pool. {@code visit} counts the requests of this file
     * that went to the same job before: the first moves it to Running, the second to Completed, later ones repeat
     * those and are ignored, as repeated notifications are. With {@code restate}, it restates Submitted, which is
     * ignored (not a forward move) but takes the same path: warm-ups use it so that they leave the jobs as they were.
     */
    Request notification(long sequence, long visit, boolean restate) {
        if (jobIds.isEmpty()) {
            throw new IllegalStateException("no job pool: run the set-up first");
        }
        int job = (int) (sequence % jobIds.size());
        String status = restate ? "Submitted" : STATUSES[(int) (visit % STATUSES.length)];
        long now = epochSeconds * 1000 + sequence % 1000;
        String body = BenchBodies.notification(UUID.randomUUID().toString().toUpperCase(), jobIds.get(job), job,
                status, now);
        return json(bytes(body));
    }

    int jobCount() {
        return jobIds.size();
    }

    /** A GitHub {@code push} with {@code X-Hub-Signature-256} (hex HMAC-SHA256 of the raw body). */
    Request github(long sequence) throws GeneralSecurityException {
        String delivery = UUID.randomUUID().toString();
        byte[] body = bytes(BenchBodies.githubPush(sequence, epochSeconds));
        String signature = "sha256=" + HexFormat.of().formatHex(hmac(bytes(secrets.githubSecret()), body));
        return json(body, "X-GitHub-Event: push", "X-GitHub-Delivery: " + delivery,
                "X-GitHub-Hook-ID: 44055", "User-Agent: GitHub-Hookshot/5f3a1c2", "X-Hub-Signature-256: " + signature);
    }

    /** A TuxSuite test result with {@code x-tux-payload-signature} (urlsafe base64 DER ECDSA P-256 SHA-256). */
    Request tuxsuite(long sequence) throws GeneralSecurityException {
        byte[] body = bytes(BenchBodies.tuxTest(uid(sequence), epochSeconds));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(secrets.tuxPrivateKey());
        signer.update(body);
        return json(body, "x-tux-payload-signature: " + Base64.getUrlEncoder().encodeToString(signer.sign()));
    }

    /** A Standard Webhooks v1 event: {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}. */
    Request standard(long sequence) throws GeneralSecurityException {
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        String timestamp = Long.toString(epochSeconds);
        byte[] body = bytes(BenchBodies.standardEvent(sequence, epochSeconds));
        byte[] key = Base64.getDecoder().decode(secrets.standardSecret().substring("whsec_".length()));
        byte[] prefix = bytes(id + "." + timestamp + ".");
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        String signature = "v1," + Base64.getEncoder().encodeToString(hmac(key, content));
        return json(body, "webhook-id: " + id, "webhook-timestamp: " + timestamp, "webhook-signature: " + signature);
    }

    /** A KSUID-like TuxSuite uid (27 characters), unique per request. */
    private static String uid(long sequence) {
        String random = UUID.randomUUID().toString().replace("-", "");
        return ("2" + Long.toString(sequence, 36) + random).substring(0, 27);
    }

    private static Request json(byte[] body, String... headers) {
        List<String> all = new java.util.ArrayList<>(List.of("Content-Type: application/json",
                "Content-Length: " + body.length));
        all.addAll(List.of(headers));
        return new Request(all, body);
    }

    private static byte[] hmac(byte[] key, byte[] content) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(content);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
