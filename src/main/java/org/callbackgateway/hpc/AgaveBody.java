package org.callbackgateway.hpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.callbackgateway.callbacks.InboundDelivery;

/**
 * Reads what an Agave v2 callback body claims: Agave posts the job record ({@code {"id", "status", "appId",
 * ...}}) as {@code application/json}. Anything else (a form, an empty body, another shape) claims nothing.
 */
final class AgaveBody {
    private static final int MAX_STATUS_LENGTH = 64;

    private AgaveBody() {
    }

    static Optional<String> claimedStatus(InboundDelivery delivery, ObjectMapper mapper) {
        byte[] body = delivery.body().orElse(new byte[0]);
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode job = mapper.readTree(body);
            if (job == null || !job.isObject()) {
                return Optional.empty();
            }
            // The API's envelope, in case a sender forwards a GET answer.
            JsonNode record = job.path("result").isObject() ? job.path("result") : job;
            JsonNode status = record.path("status");
            return status.isTextual() && !status.textValue().isBlank() && status.textValue().length() <= MAX_STATUS_LENGTH
                    ? Optional.of(status.textValue()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
