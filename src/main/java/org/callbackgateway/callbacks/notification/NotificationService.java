package org.callbackgateway.callbacks.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.callbackgateway.callbacks.ContentTypes;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.InboundDelivery;
import org.callbackgateway.callbacks.Processing;
import org.callbackgateway.callbacks.Verification;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.StatusChange;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.db.Transactions;

/**
 * Stores each notification-agent message and applies {@code job_status_change} ones to their job.
 */
public final class NotificationService {
    static final String SOURCE = "notification";

    private final Transactions transactions;
    private final DeliveryInbox inbox;
    private final JobStatusService jobStatus;
    private final NotificationParser parser;

    public NotificationService(Transactions transactions, DeliveryInbox inbox, JobStatusService jobStatus,
                               ObjectMapper mapper) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.jobStatus = jobStatus;
        this.parser = new NotificationParser(mapper);
    }

    /** What became of a notification; the delivery is stored in every case. */
    public record Result(long deliveryId, Processing processing) {
    }

    /**
     * Stores and handles one notification.
     *
     * @throws ApiException 400 for an unreadable notification, 404 for an unknown job (both stored first)
     */
    public Result receive(InboundDelivery delivery) {
        Optional<StatusNotification> notification;
        try {
            if (!ContentTypes.isJsonOrLegacyForm(delivery.contentType())) {
                throw ApiException.badRequest("unsupported content type "
                        + delivery.contentType().map(type -> "'" + ContentTypes.mediaType(type) + "'").orElse("(none)")
                        + ": send application/json");
            }
            notification = parser.parse(delivery.body().orElse(new byte[0]));
        } catch (ApiException invalid) {
            inbox.recordSettled(delivery, Verification.UNSIGNED, Processing.INVALID, invalid.getMessage());
            throw invalid;
        }
        if (notification.isEmpty()) {
            long id = inbox.recordAccepted(delivery, Verification.UNSIGNED, Processing.IGNORED, "not a status change");
            return new Result(id, Processing.IGNORED);
        }
        StatusNotification change = notification.get();
        Result result = transactions.inTransaction(handle -> {
            long deliveryId = inbox.record(handle, delivery, Verification.UNSIGNED, Optional.empty(), Processing.RECEIVED);
            Optional<Job> job = jobStatus.lockByAnyId(handle, change.jobId());
            if (job.isEmpty()) {
                inbox.settle(handle, deliveryId, Processing.NOT_FOUND, "job " + change.jobId() + " not found", null);
                return new Result(deliveryId, Processing.NOT_FOUND);
            }
            JobStatusService.Result applied = jobStatus.apply(handle, job.get(), new StatusChange(
                    SOURCE, change.status(), JobStatus.fromLabel(change.status()),
                    change.startDate(), change.endDate(), Optional.of(deliveryId)));
            Processing processing = applied.outcome() == Outcome.APPLIED ? Processing.APPLIED : Processing.IGNORED;
            inbox.settle(handle, deliveryId, processing, applied.reason(), job.get().id());
            inbox.accepted(handle, deliveryId);
            return new Result(deliveryId, processing);
        });
        if (result.processing() == Processing.NOT_FOUND) {
            throw ApiException.notFound("job " + change.jobId() + " not found");
        }
        return result;
    }
}
