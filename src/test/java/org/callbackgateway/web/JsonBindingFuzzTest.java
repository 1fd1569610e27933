package org.callbackgateway.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.auth.ClientAdminResource;
import org.callbackgateway.callbacks.sources.NewSecret;
import org.callbackgateway.callbacks.sources.NewSource;
import org.callbackgateway.fuzz.FuzzChecks;
import org.callbackgateway.jobs.JobResource;
import org.callbackgateway.oauth.OAuthResource;

/**
 * The API's JSON bodies, bound as Jersey binds them: either every string of the result is free of NUL and every
 * instant storable, or the failure is one the mappers answer with a 400 that names no Java type.
 */
class JsonBindingFuzzTest {
    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final List<Class<? extends Record>> BODIES = List.of(JobResource.RegisterJob.class,
            JobResource.JobPatch.class, ClientAdminResource.NewClient.class, NewSource.class, NewSecret.class,
            OAuthResource.AuthorizationRequestBody.class);

    @FuzzTest(maxDuration = "30s")
    void bindingYieldsStorableValuesOrAPlain400(FuzzedDataProvider data) throws Exception {
        Class<? extends Record> type = BODIES.get(data.consumeInt(0, BODIES.size() - 1));
        byte[] body = data.consumeRemainingAsBytes();
        Record bound;
        try {
            bound = MAPPER.readValue(body, type);
        } catch (JsonProcessingException refused) {
            FuzzChecks.speaksPlainly(Json.describe(refused));
            return;
        } catch (CharConversionException refused) {
            return;
        } catch (IOException e) {
            throw new AssertionError("an I/O failure no mapper answers with a 400", e);
        }
        if (bound == null) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Object value = component.getAccessor().invoke(bound);
            if (value instanceof String text && InboundText.hasNul(text)) {
                throw new AssertionError(component.getName() + " holds NUL");
            }
            if (value instanceof Instant instant) {
                FuzzChecks.storable(component.getName(), Optional.of(instant));
            }
        }
    }
}
