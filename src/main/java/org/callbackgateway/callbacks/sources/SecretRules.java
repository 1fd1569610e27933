package org.callbackgateway.callbacks.sources;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.SignatureVerifier;
import org.callbackgateway.web.ApiException;

/**
 * What makes a secret or public key acceptable for a source, checked by the source type's own verifier; a secret
 * left out is generated. Every refusal says what to fix.
 */
final class SecretRules {
    private static final int MIN_SECRET_LENGTH = 16;
    private static final int MAX_VALUE_LENGTH = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SignatureVerifier> verifiers;

    SecretRules(Map<String, SignatureVerifier> verifiers) {
        this.verifiers = Map.copyOf(verifiers);
    }

    /** A secret that passed the rules, with its value (generated when none was given). */
    record ValidSecret(String scope, KeyKind kind, String value, boolean generated, Instant notAfter, String label) {
    }

    ValidSecret check(Source source, NewSecret request, Instant now) {
        if (request == null) {
            throw ApiException.badRequest("a JSON object describing the secret is required");
        }
        String scope = Optional.ofNullable(request.scope()).map(SourceRules::normalizeScope).orElse("");
        if (scope.length() > 1024) {
            throw ApiException.illegalArgument("scope must be at most 1024 characters");
        }
        if (!scope.isEmpty() && source.type().equals(SourceService.STANDARD)) {
            throw ApiException.illegalArgument("Standard Webhooks sources have source-wide keys only: leave scope out");
        }
        KeyKind defaultKind = source.type().equals("tuxsuite") ? KeyKind.PUBLIC_KEY : KeyKind.SECRET;
        KeyKind kind = Optional.ofNullable(request.kind())
                .map(value -> KeyKind.fromDb(value.trim().toLowerCase(Locale.ROOT)).orElseThrow(
                        () -> ApiException.illegalArgument("kind must be secret or public_key")))
                .orElse(defaultKind);
        String label = Optional.ofNullable(request.label()).map(String::trim).filter(value -> !value.isEmpty())
                .orElse(null);
        if (label != null && label.length() > 256) {
            throw ApiException.illegalArgument("label must be at most 256 characters");
        }
        if (request.notAfter() != null && !request.notAfter().isAfter(now)) {
            throw ApiException.illegalArgument("not_after must be in the future");
        }
        boolean generated = request.value() == null || request.value().isBlank();
        if (generated && kind == KeyKind.PUBLIC_KEY) {
            throw ApiException.illegalArgument("value is required for a public key");
        }
        String value = generated ? generate(source.type()) : request.value().trim();
        if (value.length() > MAX_VALUE_LENGTH) {
            throw ApiException.illegalArgument("value must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        if (kind == KeyKind.SECRET && value.length() < MIN_SECRET_LENGTH) {
            throw ApiException.illegalArgument("a secret must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        try {
            verifiers.get(source.type()).prepare(kind, value.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ApiException.illegalArgument(e.getMessage());
        }
        return new ValidSecret(scope, kind, value, generated, request.notAfter(), label);
    }

    /** 32 random bytes: {@code whsec_} base64 for Standard Webhooks senders, hex for the forges. */
    private static String generate(String type) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return type.equals(SourceService.STANDARD)
                ? "whsec_" + Base64.getEncoder().encodeToString(bytes)
                : HexFormat.of().formatHex(bytes);
    }
}
