package org.callbackgateway.callbacks.tux;

import java.time.Instant;
import java.util.Optional;

/**
 * A TuxSuite callback reduced to what tracks a job.
 *
 * @param kind {@code build}, {@code oebuild}, {@code test} or {@code plan} (anything else is kept, not tracked)
 * @param uid {@code status.uid}, the job's external id
 * @param state {@code status.state}: provisioning, waiting, running, finished
 * @param result {@code status.result}: pass, fail, error, canceled, when set
 * @param owner {@code status.user}
 * @param name a name for the job, from the build or test
 * @param startDate {@code status.running_time}, when set
 * @param endDate {@code status.finished_time}, when set
 */
public record TuxCallback(
        String kind,
        String uid,
        String state,
        Optional<String> result,
        String owner,
        String name,
        Optional<Instant> startDate,
        Optional<Instant> endDate) {

    /** The delivery id TuxSuite does not send: one per kind, job, state and result. */
    public String deliveryKey() {
        return kind + ":" + uid + ":" + state + result.map(value -> ":" + value).orElse("");
    }

    /** The status as reported, for the job's history. */
    public String remoteStatus() {
        return state + result.map(value -> "/" + value).orElse("");
    }
}
