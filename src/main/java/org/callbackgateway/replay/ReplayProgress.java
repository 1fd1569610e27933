package org.callbackgateway.replay;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What {@code GET /admin/replays/{id}} answers: how far a run is, and what became of its replays.
 *
 * @param done items replayed (or found gone, or refused)
 * @param outcomes items by outcome: a processing outcome of the replay ({@code applied}, {@code not_found},
 *                 {@code duplicate}, ...), {@code rejected} (verification failed again), {@code gone} (expired
 *                 before its turn), {@code refused} (cannot be replayed) or {@code failed}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReplayProgress(UUID id, String state, String mode, @JsonRawValue String filter, int total, long done,
                             long pending, Map<String, Long> outcomes, String createdBy, Instant createdAt,
                             Instant finishedAt) {

    static ReplayProgress of(ReplayRun run, List<ReplayRunDao.OutcomeCount> counts) {
        Map<String, Long> outcomes = new TreeMap<>();
        long pending = 0;
        for (ReplayRunDao.OutcomeCount count : counts) {
            if (count.outcome().equals("pending")) {
                pending = count.count();
            } else {
                outcomes.put(count.outcome(), count.count());
            }
        }
        return new ReplayProgress(run.id(), run.state(), run.trust() ? "trust" : "verify", run.filter(), run.total(),
                run.total() - pending, pending, outcomes, run.createdBy(), run.createdAt(), run.finishedAt());
    }
}
