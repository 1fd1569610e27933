package org.callbackgateway.jobs;

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
}
