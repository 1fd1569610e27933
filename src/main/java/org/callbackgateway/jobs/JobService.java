package org.callbackgateway.jobs;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.db.DatabaseFailures;
import org.callbackgateway.web.ApiException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Registers, reads and lists tracked jobs.
 */
public final class JobService {
    private final Jdbi jdbi;
    private final Clock clock;

    public JobService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** What a listing may be narrowed to; empty means any. */
    public record JobFilter(Optional<String> owner, Optional<JobStatus> status, Optional<String> source) {
    }

    /** Stores a new job with a fresh internal id and returns it; 409 when its external id is taken. */
    public Job register(NewJob job) {
        UUID id = UUID.randomUUID();
        try {
            return jdbi.inTransaction(handle -> {
                JobDao dao = handle.attach(JobDao.class);
                dao.insert(id, job.source(), job.externalId().orElse(null), job.owner(), job.name(),
                        job.appId().orElse(null), job.status().label(), job.startDate().orElse(null), job.emailOnFinish(),
                        clock.instant());
                return dao.find(id).orElseThrow();
            });
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                throw externalIdTaken(job.source(), job.externalId().orElse(""));
            }
            throw e;
        }
    }

    /** A job just registered, with its callback credential when it asked for one (shown this once). */
    public record Registered(Job job, Optional<String> callbackToken) {
    }

    /** Registers a job and, when {@code withCallbackCredentials}, generates its HTTP Basic callback credential. */
    public Registered register(NewJob job, boolean withCallbackCredentials) {
        Job registered = register(job);
        if (!withCallbackCredentials) {
            return new Registered(registered, Optional.empty());
        }
        String token = CallbackCredentials.generate();
        jdbi.useExtension(JobDao.class, dao -> dao.setCallbackTokenHash(registered.id(),
                CallbackCredentials.digest(token)));
        return new Registered(registered, Optional.of(token));
    }

    /** Checks a callback's {@code Authorization} header against the job's credential, if it has one. */
    public CallbackCredentials.Check checkCallbackCredentials(UUID jobId, Optional<String> authorization) {
        return CallbackCredentials.check(jdbi.withExtension(JobDao.class, dao -> dao.callbackTokenHash(jobId)),
                authorization);
    }

    /** Records what the job's source reports besides its status, inside the caller's transaction. */
    public void setProgress(Handle handle, UUID jobId, String progressJson) {
        handle.attach(JobDao.class).setProgress(jobId, progressJson, clock.instant());
    }

    public Optional<Job> find(UUID id) {
        return jdbi.withExtension(JobDao.class, dao -> dao.find(id));
    }

    /**
     * Sets a job's external id, once: the same value again changes nothing, another value is 409.
     */
    public Job setExternalId(UUID id, String externalId) {
        try {
            return jdbi.inTransaction(handle -> {
                JobDao dao = handle.attach(JobDao.class);
                Job job = dao.lock(id).orElseThrow(() -> ApiException.notFound("job " + id + " not found"));
                if (job.externalId() != null) {
                    if (job.externalId().equals(externalId)) {
                        return job;
                    }
                    throw ApiException.conflict("job " + id + " already has external id " + job.externalId());
                }
                dao.setExternalId(id, externalId, clock.instant());
                return dao.find(id).orElseThrow();
            });
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                Job job = find(id).orElseThrow();
                throw externalIdTaken(job.source(), externalId);
            }
            throw e;
        }
    }

    /** A page of jobs, newest first, starting after {@code after} when given. */
    public JobPage page(JobFilter filter, Optional<JobPage.Cursor> after, int limit) {
        List<Job> rows = jdbi.withExtension(JobDao.class, dao -> dao.page(
                filter.owner().orElse(null),
                filter.status().map(JobStatus::label).orElse(null),
                filter.source().orElse(null),
                after.map(JobPage.Cursor::createdAt).orElse(null),
                after.map(JobPage.Cursor::id).orElse(null),
                limit + 1));
        if (rows.size() <= limit) {
            return new JobPage(rows, Optional.empty());
        }
        List<Job> page = rows.subList(0, limit);
        Job last = page.get(page.size() - 1);
        return new JobPage(List.copyOf(page), Optional.of(new JobPage.Cursor(last.createdAt(), last.id()).encode()));
    }

    private static ApiException externalIdTaken(String source, String externalId) {
        return ApiException.conflict("another " + source + " job already has external id " + externalId);
    }
}
