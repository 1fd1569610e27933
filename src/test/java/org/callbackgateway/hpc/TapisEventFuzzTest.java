package org.callbackgateway.hpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.callbackgateway.fuzz.FuzzChecks;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.Json;

/**
 * Any Tapis notification body parses into values the database can hold, or is refused with a 4xx.
 */
class TapisEventFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parseNeverFailsOtherThanWith4xx(byte[] body) {
        try {
            TapisEvent event = TapisEvent.parse(body, Json.newMapper());
            FuzzChecks.storable("event.data.jobUuid", event.jobUuid(), 1, 512);
            FuzzChecks.storable("status", event.status(), 1, 256);
            FuzzChecks.storable("event.timestamp", event.timestamp());
        } catch (ApiException refused) {
            FuzzChecks.isClientError(refused);
        }
    }
}
