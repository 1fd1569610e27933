package org.callbackgateway.callbacks.sources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * A source's secret or key as administrators see it: never the secret itself.
 *
 * @param publicKey the public key, for {@code public_key} entries
 * @param secret the generated secret, only in the answer that created it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretView(
        UUID id,
        String source,
        String scope,
        String kind,
        String publicKey,
        String label,
        Instant notAfter,
        boolean active,
        String createdBy,
        Instant createdAt,
        String secret) {

    static SecretView of(SourceSecret row, Instant now) {
        return new SecretView(row.id(), row.source(), row.scope(), row.kind(), row.publicKey(), row.label(),
                row.notAfter(), row.notAfter() == null || now.isBefore(row.notAfter()), row.createdBy(),
                row.createdAt(), null);
    }

    SecretView withSecret(String generated) {
        return new SecretView(id, source, scope, kind, publicKey, label, notAfter, active, createdBy, createdAt,
                generated);
    }
}
