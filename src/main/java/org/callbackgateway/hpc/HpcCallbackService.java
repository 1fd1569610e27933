package org.callbackgateway.hpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.InboundDelivery;
import org.callbackgateway.callbacks.Processing;
import org.callbackgateway.callbacks.Verification;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobIds;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.callbackgateway.web.ApiException;

/**
 * {@code POST /callbacks/agave-job/{uuid}}: the HPC system says the job changed; ask it how, and apply that.
 * Every call is stored as a delivery; the answers are those of the DE's documentation, word for word. Agave v2
 * posts the whole job as JSON, unsigned: the status it claims is recorded beside the pulled one, never applied.
 */
public final class HpcCallbackService {
    static final String SOURCE = "agave-job";

    private final DeliveryInbox inbox;
    private final JobService jobs;
    private final HpcStatusService status;
    private final ObjectMapper mapper;

    public HpcCallbackService(DeliveryInbox inbox, JobService jobs, HpcStatusService status, ObjectMapper mapper) {
        this.inbox = inbox;
        this.jobs = jobs;
        this.status = status;
        this.mapper = mapper;
    }

    public void receive(String jobId, InboundDelivery delivery) {
        Job job = HpcJobs.require(jobId, delivery, inbox, jobs, HpcLookup.HPC_SOURCES, "an HPC job");
        long deliveryId = inbox.recordReceived(delivery, Verification.UNSIGNED);
        try {
            status.pull(job, Optional.of(deliveryId), AgaveBody.claimedStatus(delivery, mapper), (handle, result) -> {
                inbox.settleAccepted(handle, delivery, deliveryId, result.outcome() == Outcome.APPLIED
                        ? Processing.APPLIED : Processing.IGNORED, result.reason(), job.id());
            });
        } catch (HpcLookupException e) {
            String hpcJob = job.externalId();
            if (e.kind() == HpcLookupException.Kind.NOT_FOUND) {
                inbox.settle(deliveryId, Processing.NOT_FOUND, "HPC job " + hpcJob + " not found: " + e.getMessage(),
                        job.id());
                throw ApiException.notFound("HPC job " + hpcJob + " not found");
            }
            inbox.settle(deliveryId, Processing.FAILED, "lookup failed, retry scheduled: " + e.getMessage(), job.id());
            throw ApiException.requestFailed(500, "lookup for HPC job " + hpcJob);
        }
    }

    /** Checks shared by the HPC callbacks; a refused call is stored before it is answered. */
    static final class HpcJobs {
        private HpcJobs() {
        }

        static Job require(String jobId, InboundDelivery delivery, DeliveryInbox inbox, JobService jobs,
                           java.util.Set<String> sources, String kind) {
            Optional<UUID> id = JobIds.parse(jobId);
            if (id.isEmpty()) {
                throw refuse(inbox, delivery, Processing.INVALID, ApiException.badRequest("job id must be a UUID"));
            }
            Optional<Job> job = jobs.find(id.get());
            if (job.isEmpty()) {
                throw refuse(inbox, delivery, Processing.NOT_FOUND, ApiException.notFound("job " + id.get() + " not found"));
            }
            if (!sources.contains(job.get().source())) {
                throw refuse(inbox, delivery, Processing.INVALID,
                        ApiException.illegalArgument("job " + id.get() + " is not " + kind));
            }
            if (job.get().externalId() == null) {
                throw refuse(inbox, delivery, Processing.INVALID, ApiException.illegalArgument(
                        "job " + id.get() + " has no external id yet: set it with PATCH /secured/jobs/" + id.get()));
            }
            return job.get();
        }

        static ApiException refuse(DeliveryInbox inbox, InboundDelivery delivery, Processing processing,
                                   ApiException answer) {
            inbox.recordSettled(delivery, Verification.UNSIGNED, processing, answer.getMessage());
            return answer;
        }
    }
}
