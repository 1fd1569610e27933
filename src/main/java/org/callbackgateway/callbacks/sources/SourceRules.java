package org.callbackgateway.callbacks.sources;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.callbackgateway.web.ApiException;

/**
 * What makes a source acceptable; every refusal says what to fix. {@link SecretRules} does the same for keys.
 */
final class SourceRules {
    /** The sources whose endpoint is fixed: their name is their type. */
    static final Set<String> FIXED = Set.of("github", "gitea", "gitlab", "tuxsuite");
    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9_-]{0,62}";

    private final Set<String> types;

    SourceRules(Set<String> types) {
        this.types = Set.copyOf(types);
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
        if (!types.contains(type)) {
            throw ApiException.illegalArgument("type must be one of " + String.join(", ", types.stream().sorted().toList()));
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

    /** Repository URLs are matched exactly, but for a trailing slash. */
    static String normalizeScope(String scope) {
        String trimmed = scope.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
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
