package org.callbackgateway.callbacks;

import java.util.Optional;
import org.callbackgateway.db.DatabaseFailures;
import org.callbackgateway.db.Transactions;
import org.callbackgateway.web.ApiException;
import org.jdbi.v3.core.Jdbi;

/**
 * The accepted path: parse, then store, de-duplicate and apply with the other deliveries of the group commit
 * ({@link DeliveryBatch}), the delivery row committed with its effects.
 */
final class Acceptance<T> {
    private final PayloadProcessor<T> processor;
    private final DeliveryRecord record;
    private final byte[] body;
    private final Verdict.Verified verified;
    private final Claims claims;

    @SuppressWarnings("unchecked")
    Acceptance(PayloadProcessor<?> processor, DeliveryRecord record, byte[] body, Verdict.Verified verified,
               Claims claims) {
        this.processor = (PayloadProcessor<T>) processor;
        this.record = record;
        this.body = body;
        this.verified = verified;
        this.claims = claims;
    }

    SignedCallbackService.Outcome run(Jdbi jdbi, Transactions transactions, DeliveryBatch batch) {
        T parsed;
        Optional<String> key;
        try {
            parsed = processor.parse(verified.payload());
            key = processor.deliveryKey(parsed).or(claims::deliveryId);
            if (key.isPresent() && key.get().length() > SignedCallbackService.MAX_KEY_LENGTH) {
                throw ApiException.badRequest("the delivery id is longer than " + SignedCallbackService.MAX_KEY_LENGTH + " characters");
            }
            // A key is matched exactly for de-duplication, so it is refused rather than stored altered.
            if (key.isPresent() && key.get().indexOf('\u0000') >= 0) {
                throw ApiException.badRequest("the delivery id must not contain NUL (U+0000) characters");
            }
        } catch (ApiException invalid) {
            // Kept without its key: a corrected resend must not be taken for a repeat.
            record.store(jdbi, body, body.length, Verification.VERIFIED, verified.detail(), Processing.INVALID,
                    invalid.getMessage(), null);
            throw invalid;
        }
        try {
            IngestUnit.Ingested ingested = transactions.submit(batch, new IngestUnit(record.source(),
                    key.orElse(null), record.eventType(), record.contentType(), body, body.length,
                    record.headersJson(), record.signaturesJson(), Verification.VERIFIED, verified.detail(),
                    record.receivedAt(), record.replay(), processor.plan(parsed)));
            return new SignedCallbackService.Outcome(ingested.deliveryId(), ingested.processing(),
                    ingested.duplicate());
        } catch (RuntimeException failure) {
            if (!DatabaseFailures.isUnavailable(failure) && !(failure instanceof ApiException)) {
                try {
                    record.store(jdbi, body, body.length, Verification.VERIFIED, verified.detail(),
                            Processing.FAILED, "failed: " + failure.getClass().getSimpleName()
                                    + key.map(value -> " (delivery " + value + ")").orElse(""), null);
                } catch (RuntimeException alsoFailed) {
                    failure.addSuppressed(alsoFailed);
                }
            }
            throw failure;
        }
    }
}
