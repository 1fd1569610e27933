package org.callbackgateway.jobs;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the statuses of the HPC job APIs (Agave v2, Tapis v3) onto DE statuses, as the DE did.
 */
public final class RemoteStatuses {
    /*
     * Every status Agave v2 defines (org.iplantc.service.jobs JobStatusType: PAUSED ... HEARTBEAT, ROLLINGBACK),
     * every status Tapis v3 defines (edu.utexas.tacc.tapis.jobs JobStatusType: PENDING ... FAILED), Aloe's
     * ACCEPTED, and STAGING, which real Agave job records carry although the enum has no such value.
     */
    private static final Map<String, JobStatus> HPC = Map.ofEntries(
            Map.entry("ACCEPTED", JobStatus.SUBMITTED),
            Map.entry("PENDING", JobStatus.SUBMITTED),
            Map.entry("PROCESSING_INPUTS", JobStatus.SUBMITTED),
            Map.entry("STAGING", JobStatus.SUBMITTED),
            Map.entry("STAGING_INPUTS", JobStatus.SUBMITTED),
            Map.entry("STAGED", JobStatus.SUBMITTED),
            Map.entry("STAGING_JOB", JobStatus.SUBMITTED),
            Map.entry("SUBMITTING", JobStatus.SUBMITTED),
            Map.entry("SUBMITTING_JOB", JobStatus.SUBMITTED),
            Map.entry("QUEUED", JobStatus.SUBMITTED),
            // Agave rolls a job back to an earlier state to run it again; it is not running now.
            Map.entry("ROLLINGBACK", JobStatus.SUBMITTED),
            Map.entry("RUNNING", JobStatus.RUNNING),
            // A heartbeat comes only from a job that is running.
            Map.entry("HEARTBEAT", JobStatus.RUNNING),
            Map.entry("PAUSED", JobStatus.RUNNING),
            Map.entry("BLOCKED", JobStatus.RUNNING),
            Map.entry("CLEANING_UP", JobStatus.RUNNING),
            Map.entry("ARCHIVING", JobStatus.RUNNING),
            Map.entry("FINISHED", JobStatus.COMPLETED),
            Map.entry("ARCHIVING_FINISHED", JobStatus.COMPLETED),
            Map.entry("FAILED", JobStatus.FAILED),
            Map.entry("ARCHIVING_FAILED", JobStatus.FAILED),
            Map.entry("KILLED", JobStatus.FAILED),
            Map.entry("STOPPED", JobStatus.FAILED),
            Map.entry("CANCELLED", JobStatus.CANCELED));

    private RemoteStatuses() {
    }

    /** The DE status for an Agave or Tapis status; empty for a status the DE did not know. */
    public static Optional<JobStatus> fromHpc(String remoteStatus) {
        if (remoteStatus == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(HPC.get(remoteStatus.trim().toUpperCase(Locale.ROOT)));
    }
}
