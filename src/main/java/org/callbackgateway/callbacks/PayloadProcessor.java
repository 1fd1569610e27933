package org.callbackgateway.callbacks;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What a source does with a verified payload: read it, then apply it inside the delivery's transaction.
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

    /** Applies the payload; runs in the transaction that stores the delivery. */
    Applied apply(Handle handle, long deliveryId, T parsed);

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
        public Applied apply(Handle handle, long deliveryId, byte[] parsed) {
            return new Applied(Processing.RECEIVED, null, null);
        }
    };
}
