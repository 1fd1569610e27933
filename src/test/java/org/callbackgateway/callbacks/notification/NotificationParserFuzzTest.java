package org.callbackgateway.callbacks.notification;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.callbackgateway.fuzz.FuzzChecks;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.Json;

/**
 * Any body is either a notification whose every field the database can hold, an ignored one, or a 4xx: never
 * another exception, never a value that would fail at the database.
 * Regression inputs: {@code src/test/resources/.../NotificationParserFuzzTestInputs}; to fuzz, see README.
 */
class NotificationParserFuzzTest {
    private static final NotificationParser PARSER = new NotificationParser(Json.newMapper());

    @FuzzTest(maxDuration = "30s")
    void parseNeverFailsOtherThanWith4xx(byte[] body) {
        try {
            PARSER.parse(body).ifPresent(notification -> {
                // payload.id is matched against jobs.external_id; the status lands in job_status_updates.
                FuzzChecks.storable("payload.id", notification.jobId(), 1, 512);
                FuzzChecks.storable("payload.status", notification.status(), 1, 256);
                FuzzChecks.storable("payload.startdate", notification.startDate());
                FuzzChecks.storable("payload.enddate", notification.endDate());
            });
        } catch (ApiException refused) {
            FuzzChecks.isClientError(refused);
            FuzzChecks.speaksPlainly(refused.getMessage());
        }
    }
}
