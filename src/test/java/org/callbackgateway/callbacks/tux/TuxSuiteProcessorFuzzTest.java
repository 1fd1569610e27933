package org.callbackgateway.callbacks.tux;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.callbackgateway.fuzz.FuzzChecks;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.Json;

/**
 * Any verified TuxSuite payload becomes a callback whose every value fits its column (job, history, delivery id),
 * or a 4xx that is stored with the delivery: never a value that fails at the database.
 */
class TuxSuiteProcessorFuzzTest {
    private static final TuxSuiteProcessor PROCESSOR = new TuxSuiteProcessor(Json.newMapper());

    @FuzzTest(maxDuration = "30s")
    void parseYieldsStorableValuesOrA4xx(byte[] payload) {
        try {
            TuxCallback callback = PROCESSOR.parse(payload);
            FuzzChecks.storable("kind", callback.kind(), 1, 512);
            FuzzChecks.storable("status.uid", callback.uid(), 1, 512);
            FuzzChecks.storable("owner", callback.owner(), 1, 256);
            FuzzChecks.storable("name", callback.name(), 0, 1024);
            FuzzChecks.storable("delivery key", callback.deliveryKey(), 1, 512);
            FuzzChecks.storable("remote status", callback.remoteStatus(), 1, 256);
            FuzzChecks.storable("status.running_time", callback.startDate());
            FuzzChecks.storable("status.finished_time", callback.endDate());
        } catch (ApiException refused) {
            FuzzChecks.isClientError(refused);
            FuzzChecks.speaksPlainly(refused.getMessage());
        }
    }
}
