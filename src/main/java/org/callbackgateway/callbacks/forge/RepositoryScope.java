package org.callbackgateway.callbacks.forge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.LoadedSource;
import org.callbackgateway.callbacks.SignedRequest;

/**
 * Finds the repository a forge webhook is about, to pick that repository's secret before the body is trusted.
 */
final class RepositoryScope {
    private final JsonFields json;

    RepositoryScope(JsonFields json) {
        this.json = json;
    }

    /** The candidate repository URLs at the given paths; none when the source has no repository secrets. */
    List<String> scopes(SignedRequest request, LoadedSource source, String[]... paths) {
        List<String> scopes = new ArrayList<>();
        if (!source.hasScopedKeys()) {
            return scopes;
        }
        for (String[] path : paths) {
            Optional<String> url = json.text(request.body(), path).map(RepositoryScope::normalize);
            url.filter(value -> !value.isEmpty()).ifPresent(scopes::add);
        }
        return scopes;
    }

    /** As the sources admin stores scopes: trimmed, without a trailing slash. */
    static String normalize(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
