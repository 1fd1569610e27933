package org.callbackgateway.callbacks;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Records every inbound callback, raw bytes and outcome, so that nothing acknowledged is ever lost.
 *
 * <p>Methods that take a {@link Handle} join the caller's transaction: the delivery row then commits
 * together with whatever the delivery caused, before the sender is answered.
 */
public final class DeliveryInbox {
    private final Jdbi jdbi;

    public DeliveryInbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores the delivery and returns its id. */
    public long record(Handle handle, InboundDelivery delivery, Verification verification,
                       Optional<String> verificationDetail, Processing processing) {
        // Whatever the sender put in the headers, the attempt is stored: its text is made fit for the columns.
        return handle.attach(DeliveryDao.class).insert(
                StoredText.column(delivery.source(), StoredText.SHORT_COLUMN),
                StoredText.column(delivery.deliveryKey().orElse(null), StoredText.KEY_COLUMN),
                StoredText.column(delivery.eventType().orElse(null), StoredText.SHORT_COLUMN),
                StoredText.column(delivery.contentType().orElse(null), StoredText.SHORT_COLUMN),
                delivery.body().orElse(null),
                delivery.bodySize(),
                verification.dbValue(),
                StoredText.detail(verificationDetail.orElse(null)),
                processing.dbValue(),
                delivery.receivedAt());
    }

    /** Stores a delivery in a transaction of its own, already settled. */
    public long recordSettled(InboundDelivery delivery, Verification verification, Processing processing,
                              String detail) {
        return jdbi.inTransaction(handle -> {
            long id = record(handle, delivery, verification, Optional.empty(), processing);
            settle(handle, id, processing, detail, null);
            return id;
        });
    }

    /** Stores a delivery, not yet acted on, in a transaction of its own. */
    public long recordReceived(InboundDelivery delivery, Verification verification) {
        return jdbi.inTransaction(handle -> record(handle, delivery, verification, Optional.empty(), Processing.RECEIVED));
    }

    /** Records what became of a stored delivery, in a transaction of its own. */
    public void settle(long deliveryId, Processing processing, String detail, UUID jobId) {
        jdbi.useTransaction(handle -> settle(handle, deliveryId, processing, detail, jobId));
    }

    /** Records what became of a stored delivery. */
    public void settle(Handle handle, long deliveryId, Processing processing, String detail, UUID jobId) {
        handle.attach(DeliveryDao.class).settle(deliveryId, processing.dbValue(), StoredText.detail(detail), jobId);
    }

    public Optional<Delivery> find(long id) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.find(id));
    }

    public Optional<byte[]> body(long id) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.body(id));
    }
}
