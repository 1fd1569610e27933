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
    private final AcceptedDeliveryListener accepted;

    public DeliveryInbox(Jdbi jdbi) {
        this(jdbi, AcceptedDeliveryListener.NONE);
    }

    public DeliveryInbox(Jdbi jdbi, AcceptedDeliveryListener accepted) {
        this.jdbi = jdbi;
        this.accepted = accepted;
    }

    /** Marks a stored and settled delivery as accepted, in its transaction (see {@link AcceptedDeliveryListener}). */
    public void accepted(Handle handle, long deliveryId) {
        accepted.accepted(handle, deliveryId);
    }

    /** Stores a delivery that is accepted and settled as it is, in a transaction of its own. */
    public long recordAccepted(InboundDelivery delivery, Verification verification, Processing processing,
                               String detail) {
        return jdbi.inTransaction(handle -> {
            long id = record(handle, delivery, verification, Optional.empty(), processing);
            settle(handle, id, processing, detail, null);
            accepted(handle, id);
            return id;
        });
    }

    /** Stores the delivery and returns its id. */
    public long record(Handle handle, InboundDelivery delivery, Verification verification,
                       Optional<String> verificationDetail, Processing processing) {
        return handle.attach(DeliveryDao.class).insert(
                delivery.source(),
                delivery.deliveryKey().orElse(null),
                delivery.eventType().orElse(null),
                delivery.contentType().orElse(null),
                delivery.body().orElse(null),
                delivery.bodySize(),
                verification.dbValue(),
                verificationDetail.orElse(null),
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
        handle.attach(DeliveryDao.class).settle(deliveryId, processing.dbValue(), detail, jobId);
    }

    /** The accepted delivery of {@code source} that holds {@code deliveryKey}, if there is one. */
    public Optional<Long> acceptedWithKey(Handle handle, String source, String deliveryKey) {
        return handle.attach(SignedDeliveryDao.class).accepted(source, deliveryKey);
    }

    /** Stores a repeat of an accepted delivery, without its key (the original holds it), pointing at the original. */
    public long recordDuplicate(Handle handle, InboundDelivery delivery, Verification verification, long originalId) {
        return handle.attach(SignedDeliveryDao.class).insertSettled(delivery.source(), null,
                delivery.eventType().orElse(null), delivery.contentType().orElse(null), delivery.body().orElse(null),
                delivery.bodySize(), null, verification.dbValue(), null, Processing.DUPLICATE.dbValue(),
                "repeat of delivery " + originalId, originalId, delivery.receivedAt());
    }

    public Optional<Delivery> find(long id) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.find(id));
    }

    /** The body, content type and kept headers of a stored delivery, for features that pass it on. */
    public Optional<DeliveryContent> content(long id) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.content(id));
    }

    public Optional<byte[]> body(long id) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.body(id));
    }
}
