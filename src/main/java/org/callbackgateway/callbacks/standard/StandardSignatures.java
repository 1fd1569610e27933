package org.callbackgateway.callbacks.standard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.KeyMaterial;
import org.callbackgateway.callbacks.SignedRequest;
import org.callbackgateway.callbacks.Signatures;
import org.callbackgateway.callbacks.SourceKey;
import org.callbackgateway.callbacks.Verdict;

/**
 * The Standard Webhooks scheme: {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}
 * over {@code id.timestamp.body}, with {@code v1} (HMAC-SHA256, {@code whsec_} secrets) and {@code v1a}
 * (Ed25519, {@code whpk_} public keys) signatures, several allowed in one header.
 *
 * <p>The {@code com.standardwebhooks} library verifies against the wall clock with a fixed tolerance and over
 * a {@link String} body; this verifies the raw bytes against the injected clock, with the source's tolerance.
 * {@link StandardKeys} reads the keys.
 */
public final class StandardSignatures {
    private StandardSignatures() {
    }

    /** Whether the request carries the Standard Webhooks signature header. */
    public static boolean isPresent(SignedRequest request) {
        return request.header("webhook-signature").isPresent();
    }

    /**
     * Checks the three headers, the timestamp window and every signature of the header against every key.
     *
     * @param toleranceSeconds how far the timestamp may be from the request's arrival, either way
     */
    public static Verdict verify(SignedRequest request, List<SourceKey> keys, int toleranceSeconds) {
        Optional<String> id = request.header("webhook-id");
        Optional<String> timestamp = request.header("webhook-timestamp");
        Optional<String> signatures = request.header("webhook-signature");
        if (id.isEmpty() || timestamp.isEmpty() || signatures.isEmpty()) {
            return Verdict.rejected("missing webhook-id, webhook-timestamp or webhook-signature header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.get());
        } catch (NumberFormatException e) {
            return Verdict.rejected("malformed webhook-timestamp");
        }
        long skew = seconds - request.receivedAt().getEpochSecond();
        if (skew < -toleranceSeconds) {
            return Verdict.rejected("webhook-timestamp is " + -skew + " s old, over the tolerance of " + toleranceSeconds + " s");
        }
        if (skew > toleranceSeconds) {
            return Verdict.rejected("webhook-timestamp is " + skew + " s in the future, over the tolerance of "
                    + toleranceSeconds + " s");
        }
        if (keys.isEmpty()) {
            return Verdict.rejected("no active key for this source");
        }
        byte[] prefix = (id.get() + "." + timestamp.get() + ".").getBytes(StandardCharsets.UTF_8);
        int readable = 0;
        for (String entry : signatures.get().trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0) {
                continue;
            }
            String version = entry.substring(0, comma);
            Optional<byte[]> signature = Signatures.base64(entry.substring(comma + 1));
            if (signature.isEmpty() || !(version.equals("v1") || version.equals("v1a"))) {
                continue;
            }
            readable++;
            Optional<SourceKey> match = version.equals("v1")
                    ? matchHmac(prefix, request.body(), signature.get(), keys)
                    : matchEd25519(prefix, request.body(), signature.get(), keys);
            if (match.isPresent()) {
                return new Verdict.Verified(version + " signature matched key " + match.get().id(), request.body());
            }
        }
        if (readable == 0) {
            return Verdict.rejected("webhook-signature has no v1 or v1a signature");
        }
        return Verdict.rejected(readable + " signature(s) matched none of " + keys.size() + " active key(s)");
    }

    private static Optional<SourceKey> matchHmac(byte[] prefix, byte[] body, byte[] signature, List<SourceKey> keys) {
        for (SourceKey key : keys) {
            if (key.material() instanceof KeyMaterial.SharedSecret secret && secret.hmacKey() != null
                    && Signatures.equal(Signatures.hmac("HmacSHA256", secret.hmacKey(), prefix, body), signature)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static Optional<SourceKey> matchEd25519(byte[] prefix, byte[] body, byte[] signature, List<SourceKey> keys) {
        for (SourceKey key : keys) {
            if (key.material() instanceof KeyMaterial.Public publicKey && isEd25519(publicKey.key())
                    && ed25519(publicKey.key(), prefix, body, signature)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static boolean isEd25519(PublicKey key) {
        return key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA");
    }

    private static boolean ed25519(PublicKey key, byte[] prefix, byte[] body, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(prefix);
            verifier.update(body);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
