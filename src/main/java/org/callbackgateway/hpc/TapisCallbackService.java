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
 * {@code POST /callbacks/tapis-job/{uuid}}: a Tapis v3 job notification, applied directly (it says how the job
 * changed, so nothing needs to be asked).
 */
public final class TapisCallbackService {
    static final String SOURCE = "tapis-job";

    private final Jdbi jdbi;
    private final DeliveryInbox inbox;
    private final JobService jobs;
    private final JobStatusService jobStatus;
    private final ObjectMapper mapper;

    public TapisCallbackService(Jdbi jdbi, DeliveryInbox inbox, JobService jobs, JobStatusService jobStatus,
                                ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.inbox = inbox;
        this.jobs = jobs;
        this.jobStatus = jobStatus;
        this.mapper = mapper;
    }

    public void receive(String jobId, InboundDelivery delivery) {
        Job job = HpcJobs.require(jobId, delivery, inbox, jobs, Set.of("tapis"), "a Tapis job");
        TapisEvent event;
        try {
            event = TapisEvent.parse(delivery.body().orElse(new byte[0]), mapper);
        } catch (ApiException invalid) {
            throw HpcJobs.refuse(inbox, delivery, Processing.INVALID, invalid);
        }
        if (!event.jobUuid().equals(job.externalId())) {
            throw HpcJobs.refuse(inbox, delivery, Processing.INVALID, ApiException.badRequest(
                    "the event is for another Tapis job than job " + job.id()));
        }
        jdbi.useTransaction(handle -> {
            long deliveryId = inbox.record(handle, delivery, Verification.UNSIGNED, Optional.empty(), Processing.RECEIVED);
            Job locked = jobStatus.lock(handle, job.id()).orElseThrow();
            var target = RemoteStatuses.fromHpc(event.status());
            JobStatusService.Result result = jobStatus.apply(handle, locked, new StatusChange("tapis", event.status(),
                    target, Optional.empty(), target.filter(status -> status.isTerminal()).flatMap(s -> event.timestamp()),
                    Optional.of(deliveryId)));
            inbox.settle(handle, delivery, deliveryId, result.outcome() == Outcome.APPLIED ? Processing.APPLIED : Processing.IGNORED,
                    result.reason(), job.id());
        });
    }
}
