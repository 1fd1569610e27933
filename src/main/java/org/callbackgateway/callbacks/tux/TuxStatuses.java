package org.callbackgateway.callbacks.tux;

import java.util.Locale;
import java.util.Optional;
import org.callbackgateway.jobs.JobStatus;

/**
 * Maps TuxSuite's state and result onto the job status model.
 */
final class TuxStatuses {
    private TuxStatuses() {
    }

    /**
     * provisioning and waiting are Submitted, running is Running; a finished job is Completed (pass), Failed
     * (fail, error) or Canceled; anything else is unknown and leaves the job as it is.
     */
    static Optional<JobStatus> map(String state, Optional<String> result) {
        String outcome = result.map(value -> value.toLowerCase(Locale.ROOT)).orElse("");
        if (outcome.equals("canceled") || outcome.equals("cancelled")) {
            return Optional.of(JobStatus.CANCELED);
        }
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "provisioning", "waiting" -> Optional.of(JobStatus.SUBMITTED);
            case "running" -> Optional.of(JobStatus.RUNNING);
            case "finished", "complete", "completed" -> switch (outcome) {
                case "pass" -> Optional.of(JobStatus.COMPLETED);
                case "fail", "error" -> Optional.of(JobStatus.FAILED);
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }
}
