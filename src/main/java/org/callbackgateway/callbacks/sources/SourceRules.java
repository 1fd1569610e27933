package org.callbackgateway.callbacks.sources;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.SignatureVerifier;
import org.callbackgateway.web.ApiException;

/**
 * What makes a source or a key acceptable; every refusal says what to fix.
 */
final class SourceRules {
    /** The sources whose endpoint is fixed: their name is their type. */
    static final Set<String> FIXED = Set.of("github", "gitea", "gitlab", "tuxsuite");
    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9_-]{0,62}";
    private static final int MIN_SECRET_LENGTH = 16;
    private static final int MAX_VALUE_LENGTH = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SignatureVerifier> verifiers;

    SourceRules(Map<String, SignatureVerifier> verifiers) {
        this.verifiers = Map.copyOf(verifiers);
    }

    /** A secret that passed the rules, with its value (generated when none was given). */
    record ValidSecret(String scope, KeyKind kind, String value, boolean generated, Instant notAfter, String label) {
    }

    Source source(NewSource request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON object describing the source is required");
        }
        String name = Optional.ofNullable(request.name()).map(String::trim).orElse("");
        if (!name.matches(NAME_PATTERN)) {
            throw ApiException.illegalArgument(
                    "name must be 1 to 63 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        String type = Optional.ofNullable(request.type()).map(value -> value.trim().toLowerCase(Locale.ROOT))
                .orElse(FIXED.contains(name) ? name : SourceService.STANDARD);
        if (!verifiers.containsKey(type)) {
            throw ApiException.illegalArgument("type must be one of " + String.join(", ", verifiers.keySet().stream().sorted().toList()));
        }
        if ((FIXED.contains(name) || FIXED.contains(type)) && !name.equals(type)) {
            throw ApiException.illegalArgument("the " + (FIXED.contains(name) ? name : type)
                    + " source must be named and typed " + (FIXED.contains(name) ? name : type)
                    + "; other names are Standard Webhooks senders");
        }
        Integer cap = request.maxBodyBytes();
        if (cap != null && (cap < 1024 || cap > 64 * 1024 * 1024)) {
            throw ApiException.illegalArgument("max_body_bytes must be between 1024 and 67108864");
        }
        Integer tolerance = request.toleranceSeconds();
        if (tolerance != null && (tolerance < 1 || tolerance > 86_400)) {
            throw ApiException.illegalArgument("tolerance_seconds must be between 1 and 86400");
        }
        boolean sha1 = Boolean.TRUE.equals(request.allowSha1());
        if (sha1 && !type.equals("github")) {
            throw ApiException.illegalArgument("allow_sha1 applies to the github source only");
        }
        String keysUrl = Optional.ofNullable(request.keysUrl()).map(String::trim).filter(value -> !value.isEmpty())
                .orElse(null);
        if (keysUrl != null) {
            if (!type.equals("tuxsuite")) {
                throw ApiException.illegalArgument("keys_url applies to the tuxsuite source only");
            }
            checkKeysUrl(keysUrl);
        }
        return new Source(name, type, cap, tolerance, sha1, keysUrl, null, null, null);
    }

    private static void checkKeysUrl(String keysUrl) {
        try {
            URI uri = new URI(keysUrl.replace("{group}", "g").replace("{project}", "p"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || keysUrl.length() > 2048) {
                throw ApiException.illegalArgument("keys_url must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw ApiException.illegalArgument("keys_url is not a valid URL");
        }
    }

    ValidSecret secret(Source source, NewSecret request, Instant now) {
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

    /** Repository URLs are matched exactly, but for a trailing slash. */
    static String normalizeScope(String scope) {
        String trimmed = scope.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** 32 random bytes: {@code whsec_} base64 for Standard Webhooks senders, hex for the forges. */
    private static String generate(String type) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return type.equals(SourceService.STANDARD)
                ? "whsec_" + Base64.getEncoder().encodeToString(bytes)
                : HexFormat.of().formatHex(bytes);
    }

    static ApiException notFound(String name) {
        return ApiException.notFound("source " + name + " not found");
    }

    static ApiException secretNotFound(String name, UUID id) {
        return ApiException.notFound("secret " + id + " of source " + name + " not found");
    }

    static ApiException conflict(String message) {
        return ApiException.conflict(message);
    }
}
