package org.callbackgateway.hpc;

import java.time.Instant;
import java.util.Optional;

/**
 * A job as an HPC API reports it.
 *
 * @param id the API's job id
 * @param status the API's status text, e.g. {@code FINISHED}
 * @param started when it started running, if reported
 * @param ended when it ended, if reported
 */
public record HpcJob(String id, String status, Optional<Instant> started, Optional<Instant> ended) {
}
