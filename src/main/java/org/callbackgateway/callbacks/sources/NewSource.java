package org.callbackgateway.callbacks.sources;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A source to register; unset options take the gateway-wide settings.
 *
 * @param name {@code github}, {@code gitea}, {@code gitlab}, {@code tuxsuite}, or any other name for a
 *             Standard Webhooks sender (then its endpoint is {@code /callbacks/webhooks/<name>})
 * @param type the verifier type; defaults to the name for the four fixed sources, else {@code standard}
 * @param maxBodyBytes the source's own body cap
 * @param toleranceSeconds the source's own Standard Webhooks timestamp tolerance
 * @param allowSha1 GitHub only: also accept the legacy {@code X-Hub-Signature} (SHA-1)
 * @param keysUrl TuxSuite only: where to fetch public keys, with {@code {group}} and {@code {project}} filled in
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewSource(
        String name,
        String type,
        Integer maxBodyBytes,
        Integer toleranceSeconds,
        Boolean allowSha1,
        String keysUrl) {
}
