package org.callbackgateway.callbacks.nextflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatusService;
import org.jdbi.v3.core.Jdbi;

/**
 * Nextflow runs as jobs: {@code nextflow run ... -with-weblog <base>/callbacks/nextflow/<job id>}.
 */
public final class NextflowModule {
    private final NextflowResource resource;

    public NextflowModule(Jdbi jdbi, DeliveryInbox inbox, JobService jobs, JobStatusService jobStatus,
                          ObjectMapper mapper, Clock clock, int maxBodyBytes) {
        NextflowService service = new NextflowService(jdbi, inbox, jobs, jobStatus,
                new NextflowProgress(jobs, mapper, clock), mapper);
        this.resource = new NextflowResource(service, clock, maxBodyBytes);
    }

    /** The Jersey resources of the feature. */
    public List<Object> resources() {
        return List.of(resource);
    }
}
