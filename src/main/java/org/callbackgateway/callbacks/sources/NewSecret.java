package org.callbackgateway.callbacks.sources;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A secret or public key to add to a source.
 *
 * @param scope a repository URL (forges) or TuxSuite group; absent for source-wide
 * @param kind {@code secret} or {@code public_key}; defaults to what the source type uses
 * @param value the secret or key; absent to have a secret generated (shown once)
 * @param notAfter when it stops being accepted, if ever
 * @param label a note for administrators
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewSecret(String scope, String kind, String value, Instant notAfter, String label) {
}
