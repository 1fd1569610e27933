package org.callbackgateway.callbacks.forge;

import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.Claims;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.LoadedSource;
import org.callbackgateway.callbacks.SignedRequest;
import org.callbackgateway.callbacks.SourceKey;
import org.callbackgateway.callbacks.Verdict;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}; the legacy SHA-1
 * {@code X-Hub-Signature} only where the source allows it.
 */
public final class GitHubVerifier extends ForgeVerifier {
    public static final String TYPE = "github";
    private static final String[] REPOSITORY = {"repository", "html_url"};


    public GitHubVerifier(JsonFields json) {
        super(TYPE, json, REPOSITORY);
    }

    @Override
    public Claims claims(SignedRequest request, LoadedSource source) {
        return new Claims(request.header("X-GitHub-Delivery"), request.header("X-GitHub-Event"),
                scopes(request, source));
    }

    @Override
    public Verdict verify(SignedRequest request, LoadedSource source, List<SourceKey> keys) {
        Optional<String> sha256 = request.header("X-Hub-Signature-256");
        Optional<String> sha1 = request.header("X-Hub-Signature");
        String algorithm;
        String prefix;
        String header;
        if (sha256.isPresent()) {
            algorithm = "HmacSHA256";
            prefix = "sha256=";
            header = sha256.get();
        } else if (sha1.isPresent()) {
            if (!source.allowSha1()) {
                return Verdict.rejected("only the legacy X-Hub-Signature (SHA-1) was sent, and this source does not allow it");
            }
            algorithm = "HmacSHA1";
            prefix = "sha1=";
            header = sha1.get();
        } else {
            return Verdict.rejected("missing X-Hub-Signature-256 header");
        }
        Optional<byte[]> signature = HmacKeys.prefixedHex(header, prefix);
        if (signature.isEmpty()) {
            return Verdict.rejected("malformed " + (prefix.equals("sha1=") ? "X-Hub-Signature" : "X-Hub-Signature-256")
                    + " header (expected " + prefix + "<hex>)");
        }
        if (keys.isEmpty()) {
            return Verdict.rejected("no active secret for this repository or source");
        }
        return HmacKeys.match(algorithm, signature.get(), request.body(), keys)
                .<Verdict>map(key -> new Verdict.Verified(prefix.replace("=", "") + " HMAC matched secret " + key.id(),
                        request.body()))
                .orElseGet(() -> Verdict.rejected(prefix.replace("=", "") + " HMAC matched none of "
                        + HmacKeys.describe(keys)));
    }
}
