package org.callbackgateway.callbacks;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;

/**
 * A signed request as each sender signs it, for tests: {@code SignedDelivery.github().body(json).secret(s)}.
 */
public final class SignedDelivery {
    /** How a sender signs. */
    public enum Sender { GITHUB, GITEA, GITLAB, TUXSUITE, STANDARD }

    private final Sender sender;
    private final String path;
    private byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    private String secret;
    private PrivateKey privateKey;
    private String deliveryId = UUID.randomUUID().toString();
    private Instant timestamp = Instant.now();
    private boolean doubleEncoded;
    private boolean sha1;
    private boolean unsigned;
    private boolean tampered;
    private final List<String> extraSignatures = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    private SignedDelivery(Sender sender, String path) {
        this.sender = sender;
        this.path = path;
    }

    public static SignedDelivery github() {
        return new SignedDelivery(Sender.GITHUB, "/callbacks/github");
    }

    public static SignedDelivery gitea() {
        return new SignedDelivery(Sender.GITEA, "/callbacks/gitea");
    }

    public static SignedDelivery gitlab() {
        return new SignedDelivery(Sender.GITLAB, "/callbacks/gitlab");
    }

    public static SignedDelivery tuxsuite() {
        return new SignedDelivery(Sender.TUXSUITE, "/callbacks/tuxsuite");
    }

    public static SignedDelivery standard(String source) {
        return new SignedDelivery(Sender.STANDARD, "/callbacks/webhooks/" + source);
    }

    public static SignedDelivery of(Sender sender) {
        return switch (sender) {
            case GITHUB -> github();
            case GITEA -> gitea();
            case GITLAB -> gitlab();
            case TUXSUITE -> tuxsuite();
            case STANDARD -> standard("acme");
        };
    }

    public SignedDelivery body(String json) {
        return body(json.getBytes(StandardCharsets.UTF_8));
    }

    public SignedDelivery body(byte[] bytes) {
        this.body = bytes.clone();
        return this;
    }

    /** The shared secret (forges, {@code whsec_} for Standard Webhooks) or a GitLab token. */
    public SignedDelivery secret(String value) {
        this.secret = LeakWatch.remember(value);
        return this;
    }

    /** An ECDSA P-256 key (TuxSuite) or Ed25519 key (Standard Webhooks {@code v1a}). */
    public SignedDelivery privateKey(PrivateKey key) {
        this.privateKey = key;
        return this;
    }

    /** Signs with whichever of a secret or a private key is given. */
    public SignedDelivery key(Object key) {
        return key instanceof PrivateKey pk ? privateKey(pk) : secret((String) key);
    }

    public SignedDelivery deliveryId(String id) {
        this.deliveryId = id;
        return this;
    }

    public SignedDelivery timestamp(Instant at) {
        this.timestamp = at;
        return this;
    }

    /** TuxSuite: send the payload as a JSON string literal, signed over its content. */
    public SignedDelivery doubleEncoded() {
        this.doubleEncoded = true;
        return this;
    }

    /** GitHub: the legacy {@code X-Hub-Signature: sha1=...} instead of SHA-256. */
    public SignedDelivery sha1() {
        this.sha1 = true;
        return this;
    }

    /** Sends no signature (or token) header at all. */
    public SignedDelivery unsigned() {
        this.unsigned = true;
        return this;
    }

    /** Changes one byte of the body after signing. */
    public SignedDelivery tampered() {
        this.tampered = true;
        return this;
    }

    /** Standard Webhooks: another signature in front of the real one, in the same header. */
    public SignedDelivery extraSignature(String entry) {
        extraSignatures.add(entry);
        return this;
    }

    public SignedDelivery header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpResponse<String> send(URI base) {
        return Http.send(request(base));
    }

    public HttpRequest.Builder request(URI base) {
        byte[] signed = body;
        byte[] sent = body;
        if (doubleEncoded) {
            String content = new String(body, StandardCharsets.UTF_8);
            sent = ("\"" + content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"")
                    .getBytes(StandardCharsets.UTF_8);
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        signatureHeaders(signed, all);
        // Signatures and tokens must never reach the log.
        all.forEach((name, value) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("signature") || lower.contains("token")) {
                LeakWatch.remember(value);
            }
        });
        all.putAll(headers);
        if (tampered) {
            sent = sent.clone();
            int index = sent.length / 2;
            sent[index] = (byte) (sent[index] == 'a' ? 'b' : 'a');
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent));
        all.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        return request;
    }

    private void signatureHeaders(byte[] signed, Map<String, String> out) {
        switch (sender) {
            case GITHUB -> {
                out.put("X-GitHub-Delivery", deliveryId);
                out.put("X-GitHub-Event", "push");
                if (!unsigned) {
                    out.put(sha1 ? "X-Hub-Signature" : "X-Hub-Signature-256",
                            (sha1 ? "sha1=" : "sha256=") + hex(hmac(sha1 ? "HmacSHA1" : "HmacSHA256", secret, signed)));
                }
            }
            case GITEA -> {
                out.put("X-Gitea-Delivery", deliveryId);
                out.put("X-Gitea-Event", "push");
                if (!unsigned) {
                    out.put("X-Gitea-Signature", hex(hmac("HmacSHA256", secret, signed)));
                }
            }
            case GITLAB -> {
                // As GitLab 17.4+ sends them (doc/user/project/integrations/webhooks.md, "Delivery headers").
                out.put("X-Gitlab-Event-UUID", deliveryId);
                out.put("X-Gitlab-Webhook-UUID", "3c5c0404-c866-44bc-a5f6-452bb1bfc76e");
                out.put("X-Gitlab-Instance", "https://gitlab.example.org");
                out.put("Idempotency-Key", deliveryId);
                out.put("X-Gitlab-Event", "Push Hook");
                if (!unsigned) {
                    out.put("X-Gitlab-Token", secret);
                }
            }
            case TUXSUITE -> {
                if (!unsigned) {
                    out.put("x-tux-payload-signature",
                            Base64.getUrlEncoder().encodeToString(sign("SHA256withECDSA", privateKey, signed)));
                }
            }
            case STANDARD -> {
                out.put("webhook-id", deliveryId);
                out.put("webhook-timestamp", Long.toString(timestamp.getEpochSecond()));
                if (!unsigned) {
                    List<String> entries = new ArrayList<>(extraSignatures);
                    entries.add(standardSignature(signed));
                    out.put("webhook-signature", String.join(" ", entries));
                }
            }
        }
    }

    private String standardSignature(byte[] signed) {
        if (privateKey != null) {
            byte[] prefix = (deliveryId + "." + timestamp.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[prefix.length + signed.length];
            System.arraycopy(prefix, 0, content, 0, prefix.length);
            System.arraycopy(signed, 0, content, prefix.length, signed.length);
            return "v1a," + Base64.getEncoder().encodeToString(sign("Ed25519", privateKey, content));
        }
        try {
            // The reference library as the peer: it signs id.timestamp.body as every Standard Webhooks sender does.
            return new Webhook(secret).sign(deliveryId, timestamp.getEpochSecond(),
                    new String(signed, StandardCharsets.UTF_8));
        } catch (WebhookSigningException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sign(String algorithm, PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
