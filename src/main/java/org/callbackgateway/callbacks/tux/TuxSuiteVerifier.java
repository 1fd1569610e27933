package org.callbackgateway.callbacks.tux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.Claims;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.KeyMaterial;
import org.callbackgateway.callbacks.LoadedSource;
import org.callbackgateway.callbacks.SignatureVerifier;
import org.callbackgateway.callbacks.SignedRequest;
import org.callbackgateway.callbacks.Signatures;
import org.callbackgateway.callbacks.SourceKey;
import org.callbackgateway.callbacks.Verdict;

/**
 * TuxSuite: {@code x-tux-payload-signature}, URL-safe base64 of a DER ECDSA P-256 SHA-256 signature over the
 * raw body or, for a double-encoded body (a JSON string literal), over the string's content. Keys are the
 * group's OpenSSH keys from the source, and those fetched from the source's keys URL.
 */
public final class TuxSuiteVerifier implements SignatureVerifier {
    public static final String TYPE = "tuxsuite";

    private final JsonFields json;
    private final ObjectMapper mapper;
    private final TuxKeyFetcher fetcher;

    public TuxSuiteVerifier(JsonFields json, ObjectMapper mapper, TuxKeyFetcher fetcher) {
        this.json = json;
        this.mapper = mapper;
        this.fetcher = fetcher;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public KeyMaterial prepare(KeyKind kind, byte[] value) {
        if (kind != KeyKind.PUBLIC_KEY) {
            throw new IllegalArgumentException("tuxsuite signs with ECDSA: add its OpenSSH public key");
        }
        return new KeyMaterial.Public(OpenSshKeys.parse(new String(value, StandardCharsets.UTF_8)));
    }

    @Override
    public Claims claims(SignedRequest request, LoadedSource source) {
        byte[] payload = decoded(request.body()).orElse(request.body());
        Optional<String> project = json.text(payload, "status", "project");
        List<String> scopes = project.map(TuxKeysUrl::group).filter(group -> !group.isEmpty())
                .map(List::of).orElse(List.of());
        return new Claims(Optional.empty(), json.text(payload, "kind"), scopes);
    }

    @Override
    public Verdict verify(SignedRequest request, LoadedSource source, List<SourceKey> keys) {
        Optional<String> header = request.header("x-tux-payload-signature");
        if (header.isEmpty()) {
            return Verdict.rejected("missing x-tux-payload-signature header");
        }
        Optional<byte[]> signature = Signatures.urlBase64(header.get());
        if (signature.isEmpty()) {
            return Verdict.rejected("malformed x-tux-payload-signature (expected URL-safe base64)");
        }
        List<byte[]> payloads = new ArrayList<>();
        payloads.add(request.body());
        decoded(request.body()).ifPresent(payloads::add);
        List<PublicKey> configured = keys.stream().map(SourceKey::material)
                .filter(KeyMaterial.Public.class::isInstance).map(material -> ((KeyMaterial.Public) material).key())
                .toList();
        Optional<URI> keysUrl = keysUrl(request, source);
        List<PublicKey> candidates = new ArrayList<>(configured);
        keysUrl.ifPresent(url -> candidates.addAll(fetcher.keys(url)));
        Optional<byte[]> verified = EcdsaP256.match(signature.get(), payloads, candidates);
        if (verified.isEmpty() && keysUrl.isPresent()) {
            // Perhaps TuxSuite rotated its key: fetch again, at most once per refetch interval.
            Optional<List<PublicKey>> fresh = fetcher.refetch(keysUrl.get());
            if (fresh.isPresent()) {
                verified = EcdsaP256.match(signature.get(), payloads, fresh.get());
                candidates.addAll(fresh.get());
            }
        }
        if (candidates.isEmpty()) {
            return Verdict.rejected("no active key for this group or source");
        }
        return verified.<Verdict>map(payload -> new Verdict.Verified("ECDSA P-256 signature matched over the "
                        + (payload == request.body() ? "raw body" : "double-encoded content"), payload))
                .orElseGet(() -> Verdict.rejected("ECDSA signature matched none of " + candidates.size() + " key(s)"));
    }

    /** The content of a body that is a JSON string literal (a double-encoded payload). */
    private Optional<byte[]> decoded(byte[] body) {
        int start = 0;
        while (start < body.length && Character.isWhitespace(body[start])) {
            start++;
        }
        if (start == body.length || body[start] != '"') {
            return Optional.empty();
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isTextual()
                    ? Optional.of(node.textValue().getBytes(StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<URI> keysUrl(SignedRequest request, LoadedSource source) {
        if (source.keysUrl().isEmpty()) {
            return Optional.empty();
        }
        byte[] payload = decoded(request.body()).orElse(request.body());
        return TuxKeysUrl.of(source.keysUrl().get(), json.text(payload, "status", "project"));
    }
}
