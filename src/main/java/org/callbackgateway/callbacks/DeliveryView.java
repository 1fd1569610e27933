package org.callbackgateway.callbacks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A stored delivery as the inspection API answers it; the body, when asked for, as text if it is valid
 * UTF-8, else as base64. A replay names the delivery it replayed and its mode ({@code verify} or {@code trust}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        long id,
        String source,
        String deliveryKey,
        String eventType,
        String contentType,
        int bodySize,
        @JsonRawValue String headers,
        String verification,
        String verificationDetail,
        String processing,
        String processingDetail,
        UUID jobId,
        Long duplicateOf,
        Long replayOf,
        String replayMode,
        Instant receivedAt,
        String body,
        String bodyBase64) {

    static DeliveryView of(DeliveryRow row) {
        String text = null;
        String base64 = null;
        if (row.body() != null) {
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(row.body())).toString();
            } catch (CharacterCodingException e) {
                base64 = Base64.getEncoder().encodeToString(row.body());
            }
        }
        return new DeliveryView(row.id(), row.source(), row.deliveryKey(), row.eventType(), row.contentType(),
                row.bodySize(), row.headers(), row.verification(), row.verificationDetail(), row.processing(),
                row.processingDetail(), row.jobId(), row.duplicateOf(), row.replayOf(), row.replayMode(), row.receivedAt(),
                text, base64);
    }
}
