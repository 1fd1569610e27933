package org.callbackgateway.hpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.Set;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.InboundDelivery;
import org.callbackgateway.callbacks.Processing;
import org.callbackgateway.callbacks.Verification;
import org.callbackgateway.hpc.HpcCallbackService.HpcJobs;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.RemoteStatuses;
import org.callbackgateway.jobs.StatusChange;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.callbackgateway.web.ApiException;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code POST /callbacks/tapis-job/{uuid}}: a Tapis v3 notification. Tapis does not sign its notifications and
 * retries any answer other than 2xx for about 25 hours, so a well-formed event the gateway does not act on (the
 * subscription test, a user event, another event type) is stored and answered 200. A status change is confirmed
 * by reading the job from Tapis, as the Agave callback does, unless the gateway is set to trust the event body.
 */
public final class TapisCallbackService {
    static final String SOURCE = "tapis-job";

    private final Jdbi jdbi;
    private final DeliveryInbox inbox;
    private final JobService jobs;
    private final JobStatusService jobStatus;
    private final HpcStatusService pulls;
    private final boolean trustEventBody;
    private final ObjectMapper mapper;

    public TapisCallbackService(Jdbi jdbi, DeliveryInbox inbox, JobService jobs, JobStatusService jobStatus,
                                HpcStatusService pulls, boolean trustEventBody, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.inbox = inbox;
        this.jobs = jobs;
        this.jobStatus = jobStatus;
        this.pulls = pulls;
        this.trustEventBody = trustEventBody;
        this.mapper = mapper;
    }

    public void receive(String jobId, InboundDelivery received) {
        TapisEvent event;
        try {
            event = TapisEvent.parse(received.body().orElse(new byte[0]), mapper);
        } catch (ApiException invalid) {
            throw HpcJobs.refuse(inbox, received, Processing.INVALID, invalid);
        }
        InboundDelivery delivery = new InboundDelivery(received.source(), received.deliveryKey(),
                Optional.of(event.type()), received.contentType(), received.body(), received.bodySize(),
                received.receivedAt());
        Optional<String> ignored = event.ignoredBecause();
        if (ignored.isPresent() && event.type().startsWith("notifications.test.")) {
            // A subscription's test names no job of ours: it only has to succeed.
            inbox.recordAccepted(delivery, Verification.UNSIGNED, Processing.IGNORED, ignored.get() + event.sequenceNote());
            return;
        }
        Job job = HpcJobs.require(jobId, delivery, inbox, jobs, Set.of("tapis"), "a Tapis job");
        if (ignored.isPresent()) {
            inbox.recordAccepted(delivery, Verification.UNSIGNED, Processing.IGNORED, ignored.get() + event.sequenceNote());
            return;
        }
        if (!event.jobUuid().orElseThrow().equals(job.externalId())) {
            throw HpcJobs.refuse(inbox, delivery, Processing.INVALID, ApiException.badRequest(
                    "the event is for another Tapis job than job " + job.id()));
        }
        if (trustEventBody) {
            applyAsSent(job, event, delivery);
        } else {
            confirmWithTapis(job, event, delivery);
        }
    }

    /** Applies the event's status as sent; out-of-order events are settled by the forward-only rule. */
    private void applyAsSent(Job job, TapisEvent event, InboundDelivery delivery) {
        String status = event.status().orElseThrow();
        jdbi.useTransaction(handle -> {
            long deliveryId = inbox.record(handle, delivery, Verification.UNSIGNED, Optional.empty(), Processing.RECEIVED);
            Job locked = jobStatus.lock(handle, job.id()).orElseThrow();
            var target = RemoteStatuses.fromHpc(status);
            JobStatusService.Result result = jobStatus.apply(handle, locked, new StatusChange("tapis", status,
                    target, Optional.empty(), target.filter(s -> s.isTerminal()).flatMap(s -> event.timestamp()),
                    Optional.of(deliveryId)));
            inbox.settleAccepted(handle, delivery, deliveryId, processing(result),
                    detail(result, "taken from the event as sent", event), job.id());
        });
    }

    /** Reads the job from Tapis and applies what Tapis reports; the event only says that something changed. */
    private void confirmWithTapis(Job job, TapisEvent event, InboundDelivery delivery) {
        long deliveryId = inbox.recordReceived(delivery, Verification.UNSIGNED);
        try {
            pulls.pull(job, Optional.of(deliveryId), event.status(), (handle, result) -> {
                inbox.settleAccepted(handle, delivery, deliveryId, processing(result),
                        detail(result, "confirmed by reading the job from Tapis", event), job.id());
            });
        } catch (HpcLookupException e) {
            if (e.kind() == HpcLookupException.Kind.NOT_FOUND) {
                inbox.settle(deliveryId, Processing.NOT_FOUND, "Tapis does not know job " + job.externalId()
                        + event.sequenceNote(), job.id());
                throw ApiException.notFound("HPC job " + job.externalId() + " not found");
            }
            // Stored, and the lookup is retried in the background: Tapis need not send it again.
            inbox.settle(deliveryId, Processing.FAILED, "reading the job from Tapis failed, retry scheduled: "
                    + e.getMessage() + event.sequenceNote(), job.id());
        }
    }

    private static Processing processing(JobStatusService.Result result) {
        return result.outcome() == Outcome.APPLIED ? Processing.APPLIED : Processing.IGNORED;
    }

    private static String detail(JobStatusService.Result result, String how, TapisEvent event) {
        return (result.reason() == null ? "" : result.reason() + "; ") + how + event.sequenceNote();
    }
}
