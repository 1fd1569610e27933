package org.callbackgateway.callbacks;

import java.util.Optional;
import java.util.UUID;

/**
 * What a source does with a verified payload: read it, then say what it does once stored (its plan).
 *
 * @param <T> the parsed payload
 */
public interface PayloadProcessor<T> {

    /**
     * Parses the verified payload.
     *
     * @throws org.callbackgateway.web.ApiException 400 when the payload cannot be used
     */
    T parse(byte[] payload);

    /** The delivery id the payload implies, for a sender that sends none in its headers (TuxSuite). */
    default Optional<String> deliveryKey(T parsed) {
        return Optional.empty();
    }

    /**
     * What the payload does, applied by {@link DeliveryBatch} in the transaction that stores the delivery, together
     * with the other deliveries of the batch.
     */
    IngestUnit.Plan plan(T parsed);

    /** What applying did. */
    record Applied(Processing processing, String detail, UUID jobId) {
    }

    /** Stores the payload for whoever reads deliveries; nothing in the gateway acts on it. */
    PayloadProcessor<byte[]> STORE_ONLY = new PayloadProcessor<>() {
        @Override
        public byte[] parse(byte[] payload) {
            return payload;
        }

        @Override
        public IngestUnit.Plan plan(byte[] parsed) {
            return IngestUnit.Plan.STORE_ONLY;
        }
    };
}
