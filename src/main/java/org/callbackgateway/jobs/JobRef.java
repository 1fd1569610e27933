package org.callbackgateway.jobs;

/** How a status request names its job. */
public sealed interface JobRef {

    /** An internal id (a UUID) or else an external id, whatever the source: the DE's own first, oldest first. */
    record AnyId(String id) implements JobRef {
    }

    /** A source's external id; the job is registered first when that source never announced it (TuxSuite). */
    record Tracked(NewJob job) implements JobRef {
        public Tracked {
            job.externalId().orElseThrow(() -> new IllegalArgumentException("external id required"));
        }
    }
}
