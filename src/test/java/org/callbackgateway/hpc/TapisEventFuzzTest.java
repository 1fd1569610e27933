package org.callbackgateway.hpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.callbackgateway.fuzz.FuzzChecks;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.Json;

/**
 * Any Tapis notification body parses or is refused with a 4xx.
 */
class TapisEventFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parseNeverFailsOtherThanWith4xx(byte[] body) {
        try {
            TapisEvent.parse(body, Json.newMapper());
        } catch (ApiException refused) {
            FuzzChecks.isClientError(refused);
        }
    }
}
