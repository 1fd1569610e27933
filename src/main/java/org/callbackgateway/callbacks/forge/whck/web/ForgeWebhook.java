package org.callbackgateway.callbacks.forge.whck.web;

import java.util.Map;
import java.util.Optional;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.forge.whck.ClaimKind;

/**
 * What the web validator reads from a forge's request, as the spec's sources table has it: Gitea's
 * {@code X-Gitea-Signature} (or Forgejo's) and GitHub's {@code X-Hub-Signature-256} (or {@code X-Hub-Signature})
 * are HMAC-SHA256 claims for {@code repository.html_url}; GitLab's {@code X-Gitlab-Token} is a token claim for
 * {@code project.git_http_url}.
 *
 * @param source {@code gitea}, {@code github} or {@code gitlab}
 * @param kind how the claim is checked
 * @param claim the header's value, handed to the check as sent
 * @param repository the repository URL, whose base16 is the identifier of its secret
 */
record ForgeWebhook(String source, ClaimKind kind, String claim, String repository) {
    private static final String[] HTML_URL = {"repository", "html_url"};
    private static final String[] GIT_HTTP_URL = {"project", "git_http_url"};

    /**
     * The claim a request makes.
     *
     * @param headers names lower-cased, first value of each
     * @throws IllegalArgumentException naming what is missing, for the log
     */
    static ForgeWebhook of(Map<String, String> headers, byte[] body, JsonFields json) {
        Optional<String> gitea = header(headers, "x-gitea-signature").or(() -> header(headers, "x-forgejo-signature"));
        if (gitea.isPresent()) {
            return new ForgeWebhook("gitea", ClaimKind.HMAC_SHA256, gitea.get(), url(json, body, HTML_URL));
        }
        Optional<String> github = header(headers, "x-hub-signature-256").or(() -> header(headers, "x-hub-signature"));
        if (github.isPresent()) {
            return new ForgeWebhook("github", ClaimKind.HMAC_SHA256, github.get(), url(json, body, HTML_URL));
        }
        Optional<String> gitlab = header(headers, "x-gitlab-token");
        if (gitlab.isPresent()) {
            return new ForgeWebhook("gitlab", ClaimKind.TOKEN, gitlab.get(), url(json, body, GIT_HTTP_URL));
        }
        throw new IllegalArgumentException("no X-Gitea-Signature, X-Hub-Signature-256, X-Hub-Signature or "
                + "X-Gitlab-Token header");
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        return Optional.ofNullable(headers.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static String url(JsonFields json, byte[] body, String[] path) {
        return json.text(body, path).filter(value -> !value.isEmpty()).orElseThrow(() ->
                new IllegalArgumentException("the payload has no " + String.join(".", path)));
    }
}
