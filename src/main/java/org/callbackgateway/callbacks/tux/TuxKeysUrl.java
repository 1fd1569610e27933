package org.callbackgateway.callbacks.tux;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A source's keys URL template ({@code {group}}, {@code {project}}) filled from a TuxSuite payload's
 * {@code status.project}.
 */
final class TuxKeysUrl {
    private static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,128}";

    private TuxKeysUrl() {
    }

    /** Empty when the project is not a plain group/name pair, since the body is not trusted yet. */
    static Optional<URI> of(String template, Optional<String> project) {
        String group = project.map(TuxKeysUrl::group).orElse("");
        String name = project.map(value -> value.contains("/") ? value.substring(value.indexOf('/') + 1) : "")
                .orElse("");
        if ((template.contains("{group}") && !group.matches(NAME_PATTERN))
                || (template.contains("{project}") && !name.matches(NAME_PATTERN))) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(template
                    .replace("{group}", URLEncoder.encode(group, StandardCharsets.UTF_8))
                    .replace("{project}", URLEncoder.encode(name, StandardCharsets.UTF_8))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The TuxSuite group: the first part of {@code status.project} ({@code tuxsuite/demo} gives {@code tuxsuite}). */
    static String group(String project) {
        int slash = project.indexOf('/');
        return (slash < 0 ? project : project.substring(0, slash)).trim();
    }
}
