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
    public static final String SOURCE = "notification";

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
    public record Result(long deliveryId, Processing processing, String detail) {
    }

    /**
     * Stores and handles one notification.
     *
     * @throws ApiException 400 for an unreadable notification, 404 for an unknown job (both stored first)
     */
    public Result receive(InboundDelivery delivery) {
        Result result = process(delivery);
        if (result.processing() == Processing.INVALID) {
            throw ApiException.badRequest(result.detail());
        }
        if (result.processing() == Processing.NOT_FOUND) {
            throw ApiException.notFound(result.detail());
        }
        return result;
    }

    /** Stores and handles one notification, whatever becomes of it (a replay's way; see {@link #receive}). */
    public Result process(InboundDelivery delivery) {
        Optional<StatusNotification> notification;
        try {
            if (!ContentTypes.isJsonOrLegacyForm(delivery.contentType())) {
                throw ApiException.badRequest("unsupported content type "
                        + delivery.contentType().map(type -> "'" + ContentTypes.mediaType(type) + "'").orElse("(none)")
                        + ": send application/json");
            }
            notification = parser.parse(delivery.body().orElse(new byte[0]));
        } catch (ApiException invalid) {
            long id = inbox.recordSettled(delivery, Verification.UNSIGNED, Processing.INVALID, invalid.getMessage());
            return new Result(id, Processing.INVALID, invalid.getMessage());
        }
        if (notification.isEmpty()) {
            long id = inbox.recordAccepted(delivery, Verification.UNSIGNED, Processing.IGNORED, "not a status change");
            return new Result(id, Processing.IGNORED, "not a status change");
        }
        StatusNotification change = notification.get();
        return transactions.inTransaction(handle -> {
            long deliveryId = inbox.record(handle, delivery, Verification.UNSIGNED, Optional.empty(), Processing.RECEIVED);
            Optional<Job> job = jobStatus.lockByAnyId(handle, change.jobId());
            if (job.isEmpty()) {
                String detail = "job " + change.jobId() + " not found";
                inbox.settle(handle, delivery, deliveryId, Processing.NOT_FOUND, detail, null);
                return new Result(deliveryId, Processing.NOT_FOUND, detail);
            }
            JobStatusService.Result applied = jobStatus.apply(handle, job.get(), new StatusChange(
                    SOURCE, change.status(), JobStatus.fromLabel(change.status()),
                    change.startDate(), change.endDate(), Optional.of(deliveryId)));
            Processing processing = applied.outcome() == Outcome.APPLIED ? Processing.APPLIED : Processing.IGNORED;
            inbox.settle(handle, delivery, deliveryId, processing, applied.reason(), job.get().id());
            inbox.accepted(handle, delivery, deliveryId);
            return new Result(deliveryId, processing, applied.reason());
        });
    }
}
