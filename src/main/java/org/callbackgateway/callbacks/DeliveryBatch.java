package org.callbackgateway.callbacks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.IngestUnit.Ingested;
import org.callbackgateway.callbacks.IngestUnit.Plan;
import org.callbackgateway.db.BatchWork;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.StatusChange;
import org.callbackgateway.jobs.StatusRequest;
import org.jdbi.v3.core.Handle;

/**
 * Stores a batch of deliveries and applies what they mean in a fixed number of statements whatever the batch size:
 * one multi-row insert of the deliveries, the jobs' batch ({@link JobStatusService#applyAll}: register, lock,
 * move and record), one set-wise settle of the deliveries, and what {@link AcceptedDeliveryListener} appends (the
 * event log's {@code delivery.received}, one statement for the batch; {@code job.status_changed} is the jobs'
 * listener's, see {@link org.callbackgateway.jobs.StatusChangeListener#appliedAll}). Only a
 * repeat of an accepted delivery costs statements of its own (it is looked up and stored as a duplicate).
 */
public final class DeliveryBatch implements BatchWork<IngestUnit, Ingested> {
    private final JobStatusService jobStatus;
    private final AcceptedDeliveryListener accepted;

    /** @param accepted told once per batch of all its accepted deliveries (the event log's one append) */
    public DeliveryBatch(JobStatusService jobStatus, AcceptedDeliveryListener accepted) {
        this.jobStatus = jobStatus;
        this.accepted = accepted;
    }

    @Override
    public List<Ingested> runAll(Handle handle, List<IngestUnit> units) {
        try {
            long[] ids = new long[units.size()];
            DeliveryBatchSql.insert(handle.getConnection(), units, ids);
            Ingested[] outcomes = new Ingested[units.size()];
            List<Optional<JobStatusService.Result>> jobs = applyStatusChanges(handle, units, ids);
            List<DeliveryBatchSql.Settlement> settlements = new ArrayList<>();
            long[] acceptedIds = new long[units.size()];
            java.time.Instant[] acceptedTimes = new java.time.Instant[units.size()];
            int acceptedCount = 0;
            for (int i = 0; i < units.size(); i++) {
                IngestUnit unit = units.get(i);
                if (ids[i] < 0) {
                    outcomes[i] = Repeats.store(handle, unit);
                    continue;
                }
                PayloadProcessor.Applied applied = unit.plan() instanceof Plan.Status status
                        ? status.meaning().apply(jobs.get(i))
                        : new PayloadProcessor.Applied(((Plan.Settle) unit.plan()).processing(),
                                ((Plan.Settle) unit.plan()).detail(), null);
                if (applied.processing() != Processing.RECEIVED || applied.detail() != null || applied.jobId() != null) {
                    settlements.add(new DeliveryBatchSql.Settlement(ids[i], unit.receivedAt(), applied.processing(),
                            applied.detail(),
                            applied.jobId() == null ? null : applied.jobId().toString()));
                }
                outcomes[i] = new Ingested(ids[i], applied.processing(), applied.detail(), false);
                // Answered 2xx: every stored delivery but one naming a job that does not exist (404).
                if (applied.processing() != Processing.NOT_FOUND) {
                    acceptedIds[acceptedCount] = ids[i];
                    acceptedTimes[acceptedCount++] = unit.receivedAt();
                }
            }
            if (!settlements.isEmpty()) {
                DeliveryBatchSql.settle(handle.getConnection(), settlements);
            }
            if (acceptedCount > 0) {
                accepted.accepted(handle, java.util.Arrays.copyOf(acceptedIds, acceptedCount),
                        java.util.Arrays.copyOf(acceptedTimes, acceptedCount));
            }
            return List.of(outcomes);
        } catch (SQLException e) {
            // The cause keeps the SQL state, by which an unreachable database is told apart (503).
            throw new IllegalStateException("storing " + units.size() + " deliveries failed", e);
        }
    }

    /** The status changes of the stored units, all at once; empty for units without one, or not stored. */
    private List<Optional<JobStatusService.Result>> applyStatusChanges(Handle handle, List<IngestUnit> units,
                                                                       long[] ids) {
        List<Optional<JobStatusService.Result>> results = new ArrayList<>(units.size());
        List<StatusRequest> requests = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            results.add(Optional.empty());
            if (ids[i] > 0 && units.get(i).plan() instanceof Plan.Status status) {
                StatusChange change = status.request().change();
                requests.add(new StatusRequest(status.request().job(), new StatusChange(change.origin(),
                        change.remoteStatus(), change.target(), change.startDate(), change.endDate(),
                        Optional.of(ids[i]))));
                positions.add(i);
            }
        }
        if (!requests.isEmpty()) {
            List<Optional<JobStatusService.Result>> applied = jobStatus.applyAll(handle, requests);
            for (int k = 0; k < positions.size(); k++) {
                results.set(positions.get(k), applied.get(k));
            }
        }
        return results;
    }
}
