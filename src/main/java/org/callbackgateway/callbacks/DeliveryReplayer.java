package org.callbackgateway.callbacks;

import java.time.Clock;
import java.util.Optional;
import org.callbackgateway.callbacks.notification.NotificationService;
import org.callbackgateway.web.ApiException;

/**
 * Replays a stored delivery through its source's processing: the notification agent's through
 * {@link NotificationService}, a signed source's through {@link SignedReplayer}. The replay is a new delivery
 * marked with the original, under the usual de-duplication and job status rules.
 *
 * <p>The HPC callbacks name their job in the URL, which is not stored, so they cannot be replayed.
 */
public final class DeliveryReplayer {
    private final DeliveryInbox inbox;
    private final NotificationService notifications;
    private final SignedReplayer signed;
    private final Clock clock;

    public DeliveryReplayer(DeliveryInbox inbox, NotificationService notifications, SignedReplayer signed,
                            Clock clock) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.signed = signed;
        this.clock = clock;
    }

    /** The replay that bulk run {@code run} made of delivery {@code original} before, if it made one. */
    public Optional<DeliveryInbox.EarlierReplay> earlierReplay(long original, java.util.UUID run) {
        return inbox.earlierReplay(original, run);
    }

    /** The stored delivery, if it is still retained. */
    public Optional<StoredDelivery> find(long id) {
        return inbox.stored(id);
    }

    /**
     * Replays {@code stored}.
     *
     * @throws ApiException 409 when the delivery cannot be replayed (no body kept, an HPC callback, or a trusted
     *                      replay of a delivery that was not verified)
     */
    public ReplayOutcome replay(StoredDelivery stored, ReplayMark mark) {
        if (stored.body() == null) {
            throw ApiException.conflict("delivery " + stored.id() + " has no stored body (it was refused unread)");
        }
        if (NotificationService.SOURCE.equals(stored.source())) {
            NotificationService.Result result = notifications.process(new InboundDelivery(stored.source(),
                    Optional.empty(), Optional.empty(), Optional.ofNullable(stored.contentType()),
                    Optional.of(stored.body()), stored.body().length, clock.instant(), Optional.of(mark)));
            return ReplayOutcome.of(result.deliveryId(), mark, Verification.UNSIGNED, result.processing(),
                    result.detail(), false);
        }
        if (Verification.UNSIGNED.dbValue().equals(stored.verification())) {
            throw ApiException.conflict("deliveries of " + stored.source()
                    + " cannot be replayed: the job they concern is named in the callback URL, which is not stored");
        }
        return signed.replay(stored, mark);
    }
}
