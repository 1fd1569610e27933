package org.callbackgateway.callbacks.forge;

import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.Claims;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.LoadedSource;
import org.callbackgateway.callbacks.SignedRequest;
import org.callbackgateway.callbacks.Signatures;
import org.callbackgateway.callbacks.SourceKey;
import org.callbackgateway.callbacks.Verdict;

/**
 * Gitea and Forgejo: {@code X-Gitea-Signature} or {@code X-Forgejo-Signature}, the bare hex HMAC-SHA256 of the
 * body; {@code X-Hub-Signature-256} ({@code sha256=<hex>}) is accepted too.
 */
public final class GiteaVerifier extends ForgeVerifier {
    public static final String TYPE = "gitea";
    private static final String[] REPOSITORY = {"repository", "html_url"};


    public GiteaVerifier(JsonFields json) {
        super(TYPE, json, REPOSITORY);
    }

    @Override
    public Claims claims(SignedRequest request, LoadedSource source) {
        return new Claims(request.firstHeader("X-Gitea-Delivery", "X-Forgejo-Delivery"),
                request.firstHeader("X-Gitea-Event", "X-Forgejo-Event"),
                scopes(request, source));
    }

    @Override
    public Verdict verify(SignedRequest request, LoadedSource source, List<SourceKey> keys) {
        Optional<String> bare = request.firstHeader("X-Gitea-Signature", "X-Forgejo-Signature");
        Optional<String> hub = request.header("X-Hub-Signature-256");
        Optional<byte[]> signature;
        if (bare.isPresent()) {
            signature = Signatures.hex(bare.get());
        } else if (hub.isPresent()) {
            signature = HmacKeys.prefixedHex(hub.get(), "sha256=");
        } else {
            return Verdict.rejected("missing X-Gitea-Signature, X-Forgejo-Signature or X-Hub-Signature-256 header");
        }
        if (signature.isEmpty()) {
            return Verdict.rejected("malformed signature header (expected hex)");
        }
        if (keys.isEmpty()) {
            return Verdict.rejected("no active secret for this repository or source");
        }
        return HmacKeys.match("HmacSHA256", signature.get(), request.body(), keys)
                .<Verdict>map(key -> new Verdict.Verified("sha256 HMAC matched secret " + key.id(), request.body()))
                .orElseGet(() -> Verdict.rejected("sha256 HMAC matched none of " + HmacKeys.describe(keys)));
    }
}
