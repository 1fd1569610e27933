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
 * one that takes the ids and claims the keys, the jobs' batch ({@link JobStatusService#applyAll}: register, lock,
 * move and record; its history rows need the delivery ids only), one multi-row insert of the deliveries as they
 * end up, and what {@link AcceptedDeliveryListener} appends (the event log's {@code delivery.received}, one
 * statement for the batch, made from the values inserted; {@code job.status_changed} is the jobs' listener's, see
 * {@link org.callbackgateway.jobs.StatusChangeListener#appliedAll}). No delivery row is updated, nor read back.
 * Only a repeat of an accepted delivery costs statements of its own (it is looked up and stored as a duplicate).
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
            long[] ids = DeliveryBatchSql.claim(handle.getConnection(), units);
            List<Optional<JobStatusService.Result>> jobs = applyStatusChanges(handle, units, ids);
            Ingested[] outcomes = new Ingested[units.size()];
            List<DeliveryBatchSql.Row> rows = new ArrayList<>(units.size());
            List<AcceptedDelivery> acceptedDeliveries = new ArrayList<>(units.size());
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
                rows.add(new DeliveryBatchSql.Row(ids[i], unit, applied));
                outcomes[i] = new Ingested(ids[i], applied.processing(), applied.detail(), false);
                // Answered 2xx: every stored delivery but one naming a job that does not exist (404).
                if (applied.processing() != Processing.NOT_FOUND) {
                    acceptedDeliveries.add(new AcceptedDelivery(ids[i], unit.source(), unit.eventType(),
                            unit.deliveryKey(), unit.contentType(), unit.receivedAt(), applied.jobId(),
                            applied.processing()));
                }
            }
            if (!rows.isEmpty()) {
                DeliveryBatchSql.insert(handle.getConnection(), rows);
            }
            if (!acceptedDeliveries.isEmpty()) {
                accepted.accepted(handle, acceptedDeliveries);
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
