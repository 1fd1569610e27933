package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One loaded key of a source: where it applies, until when, and its parsed material.
 *
 * @param id the key's id, named in the stored delivery when it matched
 * @param scope a repository URL or TuxSuite group, or "" for source-wide
 * @param notAfter the end of its validity, if it has one
 * @param material the parsed secret or public key
 */
public record SourceKey(UUID id, String scope, Optional<Instant> notAfter, KeyMaterial material) {

    public boolean activeAt(Instant now) {
        return notAfter.map(now::isBefore).orElse(true);
    }
}
