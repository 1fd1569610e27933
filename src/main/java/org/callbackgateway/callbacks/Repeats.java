package org.callbackgateway.callbacks;

import org.callbackgateway.callbacks.IngestUnit.Ingested;
import org.jdbi.v3.core.Handle;

/** A delivery whose key an accepted one of its source already has: stored as a duplicate of it, without its key. */
final class Repeats {
    private Repeats() {
    }

    static Ingested store(Handle handle, IngestUnit unit) {
        SignedDeliveryDao dao = handle.attach(SignedDeliveryDao.class);
        Long original = dao.accepted(unit.source(), unit.deliveryKey()).orElse(null);
        String detail = "repeat of delivery " + original + " (" + unit.deliveryKey() + ")";
        long repeat = dao.insertSettled(unit.source(), null, unit.eventType(), unit.contentType(), unit.body(),
                unit.bodySize(), unit.headersJson(), unit.signaturesJson(),
                unit.body() == null ? null : PayloadJson.of(unit.body()), unit.verification().dbValue(),
                unit.verificationDetail(), Processing.DUPLICATE.dbValue(), detail, original, unit.receivedAt(),
                ReplayMark.originalOf(unit.replay()), ReplayMark.modeOf(unit.replay()),
                ReplayMark.runOf(unit.replay()));
        return new Ingested(repeat, Processing.DUPLICATE, detail, true);
    }
}
