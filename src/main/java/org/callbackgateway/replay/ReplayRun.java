package org.callbackgateway.replay;

import java.time.Instant;
import java.util.UUID;

/**
 * A bulk replay run as stored.
 *
 * @param filter the filter it was created with, as JSON
 * @param trust whether the original verifications are trusted
 * @param state {@code running}, {@code finished} or {@code cancelled}
 */
public record ReplayRun(UUID id, String filter, boolean trust, String state, int total, String createdBy,
                        Instant createdAt, Instant finishedAt) {
}
