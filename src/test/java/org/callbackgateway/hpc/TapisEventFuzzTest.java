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
            event.jobUuid().ifPresent(job -> FuzzChecks.storable("event.data.jobUuid", job, 1, 512));
            event.status().ifPresent(status -> FuzzChecks.storable("status", status, 1, 256));
            FuzzChecks.storable("event.timestamp", event.timestamp());
        } catch (ApiException refused) {
            FuzzChecks.isClientError(refused);
        }
    }
}
