package org.callbackgateway.jobs;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Registers and reads tracked jobs.
 */
public final class JobService {
    private final Jdbi jdbi;
    private final Clock clock;

    public JobService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Stores a new job with a fresh internal id and returns it. */
    public Job register(NewJob job) {
        UUID id = UUID.randomUUID();
        return jdbi.inTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            dao.insert(id, job.source(), job.externalId().orElse(null), job.owner(), job.name(),
                    job.appId().orElse(null), job.status().label(), job.startDate().orElse(null), clock.instant());
            return dao.find(id).orElseThrow();
        });
    }

    public Optional<Job> find(UUID id) {
        return jdbi.withExtension(JobDao.class, dao -> dao.find(id));
    }
}
