package org.callbackgateway.jobs;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Told of every status change that was applied, inside the transaction that applied it, so that what it writes
 * commits (or not) together with the change.
 */
@FunctionalInterface
public interface StatusChangeListener {
    StatusChangeListener NONE = (handle, job, previous, change) -> { };

    /**
     * @param job the job as it is after the change
     * @param previous its status before
     * @param change the change as reported
     */
    void applied(Handle handle, Job job, JobStatus previous, StatusChange change);

    /** One applied change of a batch, as {@link #applied} is told of it. */
    record Applied(Job job, JobStatus previous, StatusChange change) {
    }

    /**
     * Every change a set-based batch applied, in arrival order; a listener that writes should do it here in a
     * fixed number of statements (the default tells {@link #applied} of each in turn).
     */
    default void appliedAll(Handle handle, List<Applied> changes) {
        for (Applied change : changes) {
            applied(handle, change.job(), change.previous(), change.change());
        }
    }
}
