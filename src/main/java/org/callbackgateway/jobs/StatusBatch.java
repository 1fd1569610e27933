package org.callbackgateway.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.jobs.JobStatusService.Result;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.jdbi.v3.core.Handle;

/**
 * Applies a batch of status changes in four statements whatever its size ({@link StatusBatchSql}): the jobs are
 * locked first, so the decisions taken here on their current rows hold until the commit; several changes of one
 * job are decided in arrival order, each against the job as the previous one left it, under the same rule as a
 * single change ({@link JobStatusService#refusal}).
 */
final class StatusBatch {
    record Move(UUID jobId, String oldStatus, String status, Instant startDate, Instant endDate) {
    }

    record History(UUID jobId, Long deliveryId, String origin, String remoteStatus, String oldStatus,
                   String newStatus, String outcome, String reason, String basis, String claimedStatus) {
        History(StatusChange change, UUID jobId, String oldStatus, String outcome, String reason) {
            this(jobId, change.deliveryId().orElse(null), change.origin(), change.remoteStatus(), oldStatus,
                    change.target().map(JobStatus::label).orElse(null), outcome, reason, change.basis().dbValue(),
                    change.claimedStatus().orElse(null));
        }
    }

    private StatusBatch() {
    }

    static List<Optional<Result>> apply(Handle handle, List<StatusRequest> requests, Instant clockNow,
                                        StatusChangeListener listener) {
        // The database keeps microseconds: the jobs handed back carry what a re-read would give.
        Instant now = clockNow.truncatedTo(ChronoUnit.MICROS);
        Connection connection = handle.getConnection();
        try {
            registerAnnounced(connection, requests, now);
            List<Optional<Job>> locked = lock(connection, requests);
            Map<UUID, Job> current = new HashMap<>();
            Map<UUID, Move> moves = new LinkedHashMap<>();
            List<History> history = new ArrayList<>();
            List<Optional<Result>> results = new ArrayList<>(requests.size());
            List<StatusChangeListener.Applied> applied = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                if (locked.get(i).isEmpty()) {
                    results.add(Optional.empty());
                    continue;
                }
                Job lockedJob = locked.get(i).get();
                Job job = current.computeIfAbsent(lockedJob.id(), id -> lockedJob);
                StatusChange change = requests.get(i).change();
                String reason = JobStatusService.refusal(job.status(), change.target());
                if (reason != null) {
                    history.add(new History(change, job.id(), job.status().label(), Outcome.IGNORED.dbValue(), reason));
                    results.add(Optional.of(new Result(job, Outcome.IGNORED, reason)));
                    continue;
                }
                JobStatus target = change.target().orElseThrow();
                Instant endDate = target.isTerminal() ? change.endDate().orElse(now) : null;
                Job changed = new Job(job.id(), job.source(), job.externalId(), job.owner(), job.name(), job.appId(),
                        target, job.startDate() != null ? job.startDate() : change.startDate().orElse(null),
                        endDate != null ? endDate : job.endDate(), job.createdAt(), now, job.emailOnFinish(),
                        job.progress());
                Move earlier = moves.get(job.id());
                String lockedStatus = earlier != null ? earlier.oldStatus() : job.status().label();
                moves.put(job.id(), new Move(job.id(), lockedStatus, target.label(), changed.startDate(),
                        changed.endDate()));
                history.add(new History(change, job.id(), job.status().label(), Outcome.APPLIED.dbValue(), null));
                current.put(job.id(), changed);
                applied.add(new StatusChangeListener.Applied(changed, job.status(), change));
                results.add(Optional.of(new Result(changed, Outcome.APPLIED, null)));
            }
            if (!history.isEmpty()) {
                long moved = StatusBatchSql.write(connection, new ArrayList<>(moves.values()), history, now);
                if (moved != moves.size()) {
                    throw new IllegalStateException(moved + " of " + moves.size() + " jobs moved: a job changed under its lock");
                }
            }
            if (!applied.isEmpty()) {
                listener.appliedAll(handle, applied);
            }
            return results;
        } catch (SQLException e) {
            throw JobRows.failed("applying " + requests.size() + " status change(s)", e);
        }
    }

    private static void registerAnnounced(Connection connection, List<StatusRequest> requests, Instant now)
            throws SQLException {
        List<NewJob> announced = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (StatusRequest request : requests) {
            if (request.job() instanceof JobRef.Tracked tracked) {
                NewJob job = tracked.job();
                if (seen.putIfAbsent(job.source() + '\u0000' + job.externalId().orElseThrow(), true) == null) {
                    announced.add(job);
                    ids.add(UUID.randomUUID().toString());
                }
            }
        }
        if (!announced.isEmpty()) {
            StatusBatchSql.register(connection, announced, ids, now);
        }
    }

    private static List<Optional<Job>> lock(Connection connection, List<StatusRequest> requests) throws SQLException {
        List<String> internal = new ArrayList<>(requests.size());
        List<String> sources = new ArrayList<>(requests.size());
        List<String> externalIds = new ArrayList<>(requests.size());
        for (StatusRequest request : requests) {
            if (request.job() instanceof JobRef.Tracked tracked) {
                internal.add(null);
                sources.add(tracked.job().source());
                externalIds.add(tracked.job().externalId().orElseThrow());
            } else {
                String id = ((JobRef.AnyId) request.job()).id();
                internal.add(JobIds.parse(id).map(UUID::toString).orElse(null));
                sources.add(null);
                externalIds.add(id);
            }
        }
        return StatusBatchSql.lock(connection, internal, sources, externalIds);
    }
}
