package org.callbackgateway.jobs;

import java.util.List;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * Jobs and their status: registration, the forward-only status rules and history, and the jobs API.
 */
public final class JobsModule implements FeatureModule {
    private final JobService jobs;
    private final JobStatusService statuses;
    private final List<Object> resources;

    /** @param statusChanges told of every applied status change, in the change's transaction */
    public JobsModule(Foundation foundation, StatusChangeListener statusChanges) {
        JdbiFactory.precomputeSqlObjects(foundation.jdbi(), List.of(JobDao.class));
        this.jobs = new JobService(foundation.jdbi(), foundation.clock());
        this.statuses = new JobStatusService(foundation.jdbi(), foundation.clock(), statusChanges);
        this.resources = List.of(new JobResource(jobs, statuses,
                new CallbackUrls(foundation.config().publicBaseUrl())));
    }

    public JobService jobs() {
        return jobs;
    }

    public JobStatusService statuses() {
        return statuses;
    }

    @Override
    public List<Object> resources() {
        return resources;
    }
}
