package org.callbackgateway.callbacks.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.callbackgateway.callbacks.ContentTypes;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.InboundDelivery;
import org.callbackgateway.callbacks.Processing;
import org.callbackgateway.callbacks.Verification;
import org.callbackgateway.callbacks.DeliveryBatch;
import org.callbackgateway.callbacks.IngestUnit;
import org.callbackgateway.callbacks.PayloadProcessor;
import org.callbackgateway.jobs.JobRef;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.StatusChange;
import org.callbackgateway.jobs.StatusRequest;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.db.Transactions;

/**
 * Stores each notification-agent message and applies {@code job_status_change} ones to their job.
 */
public final class NotificationService {
    public static final String SOURCE = "notification";
    private static final String NOT_A_STATUS_CHANGE = "not a status change";

    private final Transactions transactions;
    private final DeliveryInbox inbox;
    private final DeliveryBatch batch;
    private final NotificationParser parser;

    /** @param batch the batch the other callbacks share, so that their units commit together */
    public NotificationService(Transactions transactions, DeliveryInbox inbox, DeliveryBatch batch,
                               ObjectMapper mapper) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.batch = batch;
        this.parser = new NotificationParser(mapper);
    }

    private static PayloadProcessor.Applied meaning(StatusNotification change,
                                                    Optional<JobStatusService.Result> applied) {
        if (applied.isEmpty()) {
            return new PayloadProcessor.Applied(Processing.NOT_FOUND, "job " + change.jobId() + " not found", null);
        }
        JobStatusService.Result result = applied.get();
        return new PayloadProcessor.Applied(result.outcome() == Outcome.APPLIED ? Processing.APPLIED
                : Processing.IGNORED, result.reason(), result.job().id());
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
            // Committed with the other callbacks waiting, as a status change is, not in a transaction of its own.
            IngestUnit.Ingested ingested = transactions.submit(batch, IngestUnit.unsigned(delivery,
                    new IngestUnit.Plan.Settle(Processing.IGNORED, NOT_A_STATUS_CHANGE)));
            return new Result(ingested.deliveryId(), ingested.processing(), ingested.detail());
        }
        StatusNotification change = notification.get();
        StatusRequest request = new StatusRequest(new JobRef.AnyId(change.jobId()), new StatusChange(SOURCE,
                change.status(), JobStatus.fromLabel(change.status()), change.startDate(), change.endDate(),
                Optional.empty()));
        IngestUnit.Ingested ingested = transactions.submit(batch, IngestUnit.unsigned(delivery,
                new IngestUnit.Plan.Status(request, applied -> meaning(change, applied))));
        return new Result(ingested.deliveryId(), ingested.processing(), ingested.detail());
    }
}
