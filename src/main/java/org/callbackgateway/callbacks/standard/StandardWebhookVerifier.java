package org.callbackgateway.callbacks.standard;

import java.util.List;
import org.callbackgateway.callbacks.Claims;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.KeyMaterial;
import org.callbackgateway.callbacks.LoadedSource;
import org.callbackgateway.callbacks.SignatureVerifier;
import org.callbackgateway.callbacks.SignedRequest;
import org.callbackgateway.callbacks.SourceKey;
import org.callbackgateway.callbacks.Verdict;

/**
 * Any Standard Webhooks sender: {@code whsec_} secrets ({@code v1}) and {@code whpk_} public keys ({@code v1a}).
 */
public final class StandardWebhookVerifier implements SignatureVerifier {
    public static final String TYPE = "standard";

    private final JsonFields json;

    public StandardWebhookVerifier(JsonFields json) {
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public KeyMaterial prepare(KeyKind kind, byte[] value) {
        return kind == KeyKind.SECRET ? StandardKeys.secret(value) : StandardKeys.publicKey(value);
    }

    @Override
    public Claims claims(SignedRequest request, LoadedSource source) {
        // The event type is the payload's "type" (the specification's envelope); only a label until verified.
        return new Claims(request.header("webhook-id"), json.text(request.body(), "type"), List.of());
    }

    @Override
    public Verdict verify(SignedRequest request, LoadedSource source, List<SourceKey> keys) {
        return StandardSignatures.verify(request, keys, source.toleranceSeconds());
    }
}
