package org.callbackgateway.callbacks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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

    /**
     * Records what became of a delivery stored in this transaction by {@link #record}, and marks it accepted (see
     * {@link AcceptedDeliveryListener}) with the values its row now holds, so that nothing reads the row back.
     */
    public void settleAccepted(Handle handle, InboundDelivery delivery, long deliveryId, Processing processing,
                               String detail, UUID jobId) {
        settle(handle, delivery, deliveryId, processing, detail, jobId);
        accepted.accepted(handle, List.of(new AcceptedDelivery(deliveryId,
                StoredText.column(delivery.source(), StoredText.SHORT_COLUMN),
                StoredText.column(delivery.eventType().orElse(null), StoredText.SHORT_COLUMN),
                StoredText.column(delivery.deliveryKey().orElse(null), StoredText.KEY_COLUMN),
                StoredText.column(delivery.contentType().orElse(null), StoredText.SHORT_COLUMN),
                storedTime(delivery), jobId, processing)));
    }

    /** Stores a delivery that is accepted and settled as it is, in a transaction of its own. */
    public long recordAccepted(InboundDelivery delivery, Verification verification, Processing processing,
                               String detail) {
        return jdbi.inTransaction(handle -> {
            long id = record(handle, delivery, verification, Optional.empty(), processing);
            settleAccepted(handle, delivery, id, processing, detail, null);
            return id;
        });
    }

    /**
     * The received time as this inbox stores it, cut to the microsecond that PostgreSQL keeps: the row is found
     * again by it (with its id), and the event log's copy of it must name the same instant, however the driver
     * or the server would round the nanoseconds.
     */
    private static Instant storedTime(InboundDelivery delivery) {
        return delivery.receivedAt().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Stores the delivery and returns its id. A delivery with a key that is not rejected holds the key for
     * de-duplication (in {@code delivery_keys}, which outlives partitions): a key already held fails the
     * transaction with a unique violation, as a repeat arriving at the same moment as its original would.
     */
    public long record(Handle handle, InboundDelivery delivery, Verification verification,
                       Optional<String> verificationDetail, Processing processing) {
        // Whatever the sender put in the headers, the attempt is stored: its text is made fit for the columns.
        DeliveryDao dao = handle.attach(DeliveryDao.class);
        long id = dao.insert(
                StoredText.column(delivery.source(), StoredText.SHORT_COLUMN),
                StoredText.column(delivery.deliveryKey().orElse(null), StoredText.KEY_COLUMN),
                StoredText.column(delivery.eventType().orElse(null), StoredText.SHORT_COLUMN),
                StoredText.column(delivery.contentType().orElse(null), StoredText.SHORT_COLUMN),
                delivery.body().orElse(null),
                delivery.bodySize(),
                delivery.body().map(PayloadJson::of).orElse(null),
                verification.dbValue(),
                StoredText.detail(verificationDetail.orElse(null)),
                processing.dbValue(),
                storedTime(delivery),
                ReplayMark.originalOf(delivery.replay()),
                ReplayMark.modeOf(delivery.replay()),
                ReplayMark.runOf(delivery.replay()));
        if (delivery.deliveryKey().isPresent() && verification != Verification.REJECTED) {
            dao.holdKey(delivery.source(), delivery.deliveryKey().get(), id, storedTime(delivery));
        }
        return id;
    }

    /** Stores a delivery in a transaction of its own, already settled. */
    public long recordSettled(InboundDelivery delivery, Verification verification, Processing processing,
                              String detail) {
        return jdbi.inTransaction(handle -> {
            long id = record(handle, delivery, verification, Optional.empty(), processing);
            settle(handle, delivery, id, processing, detail, null);
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

    /** The accepted delivery of {@code source} that holds {@code deliveryKey}, if there is one. */
    public Optional<Long> acceptedWithKey(Handle handle, String source, String deliveryKey) {
        return handle.attach(SignedDeliveryDao.class).accepted(source, deliveryKey);
    }

    /** Stores a repeat of an accepted delivery, without its key (the original holds it), pointing at the original. */
    public long recordDuplicate(Handle handle, InboundDelivery delivery, Verification verification, long originalId) {
        byte[] body = delivery.body().orElse(null);
        return handle.attach(SignedDeliveryDao.class).insertSettled(delivery.source(), null,
                delivery.eventType().orElse(null), delivery.contentType().orElse(null), body,
                delivery.bodySize(), null, null, body == null ? null : PayloadJson.of(body), verification.dbValue(),
                null, Processing.DUPLICATE.dbValue(), "repeat of delivery " + originalId, originalId,
                delivery.receivedAt(), null, null, null);
    }

    /** Records what became of a delivery stored in this transaction (its received time picks its partition). */
    public void settle(Handle handle, InboundDelivery delivery, long deliveryId, Processing processing, String detail,
                       UUID jobId) {
        handle.attach(DeliveryDao.class).settleAt(deliveryId, storedTime(delivery), processing.dbValue(), detail,
                jobId);
    }

    public Optional<Delivery> find(long id) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.find(id));
    }

    /**
     * The body, content type and kept headers of a stored delivery, for features that pass it on; by id and
     * received time, one probe in one partition.
     */
    public Optional<DeliveryContent> content(long id, Instant receivedAt) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.content(id, receivedAt));
    }

    /** A replay stored before: its id, verification and processing outcome. */
    public record EarlierReplay(long id, String verification, String processing) {
    }

    /** The replay that bulk run {@code run} made of delivery {@code original}, if it made one. */
    public Optional<EarlierReplay> earlierReplay(long original, UUID run) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.earlierReplay(original, run));
    }

    /** A stored delivery with its raw body and headers, for a replay. */
    public Optional<StoredDelivery> stored(long id) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.stored(id));
    }

    public Optional<byte[]> body(long id) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.body(id));
    }
}
