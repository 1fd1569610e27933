package org.callbackgateway.callbacks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a replay did: the new delivery (null when it could not be found again, e.g. an invalid payload stored by
 * the processing itself), how its origin was established, and its processing outcome.
 *
 * @param mode {@code verify}: verified again with the source's current keys; {@code trust}: the original
 *             verification trusted
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayOutcome(Long deliveryId, long replayOf, String mode, String verification, String processing,
                            String detail, boolean duplicate) {

    static ReplayOutcome of(Long deliveryId, ReplayMark mark, Verification verification, Processing processing,
                            String detail, boolean duplicate) {
        return new ReplayOutcome(deliveryId, mark.originalId(), mark.mode().dbValue(), verification.dbValue(),
                processing.dbValue(), detail, duplicate);
    }
}
