package org.callbackgateway.callbacks.notification;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.callbackgateway.fuzz.FuzzChecks;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.Json;

/**
 * Any body is either a notification, an ignored one, or a 4xx: never another exception.
 * Regression inputs: {@code src/test/resources/.../NotificationParserFuzzTestInputs}; to fuzz, see README.
 */
class NotificationParserFuzzTest {
    private static final NotificationParser PARSER = new NotificationParser(Json.newMapper());

    @FuzzTest(maxDuration = "30s")
    void parseNeverFailsOtherThanWith4xx(byte[] body) {
        try {
            PARSER.parse(body);
        } catch (ApiException refused) {
            FuzzChecks.isClientError(refused);
        }
    }
}
