package org.callbackgateway.callbacks.nextflow;

import java.util.List;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.jobs.JobsModule;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * Nextflow runs as jobs: {@code nextflow run ... -with-weblog <base>/callbacks/nextflow/<job id>} reports the run
 * and its tasks.
 */
public final class NextflowModule implements FeatureModule {
    private final List<Object> resources;

    public NextflowModule(Foundation foundation, DeliveryInbox inbox, JobsModule jobs) {
        JdbiFactory.precomputeSqlObjects(foundation.jdbi(), List.of(NextflowTaskDao.class));
        NextflowProgress progress = new NextflowProgress(jobs.jobs(), foundation.mapper(), foundation.clock());
        NextflowService service = new NextflowService(foundation.jdbi(), inbox, jobs.jobs(), jobs.statuses(),
                progress, foundation.mapper());
        this.resources = List.of(new NextflowResource(service, foundation.clock(), foundation.config().maxBodyBytes()));
    }

    @Override
    public List<Object> resources() {
        return resources;
    }
}
