package org.callbackgateway.callbacks.notification;

import java.util.List;
import org.callbackgateway.callbacks.DeliveryBatch;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * The DE notification-agent callback, {@code POST /callbacks/notification}: unsigned job status messages,
 * recorded in the inbox and applied to the job they name.
 */
public final class NotificationCallbackModule implements FeatureModule {
    private final NotificationService notifications;
    private final List<Object> resources;

    public NotificationCallbackModule(Foundation foundation, DeliveryInbox inbox, DeliveryBatch deliveryBatch) {
        this.notifications = new NotificationService(foundation.transactions(), inbox, deliveryBatch,
                foundation.mapper());
        this.resources = List.of(new NotificationResource(notifications, inbox, foundation.clock(),
                foundation.config().maxBodyBytes()));
    }

    /** The notification processing, for replays of stored notifications. */
    public NotificationService service() {
        return notifications;
    }

    @Override
    public List<Object> resources() {
        return resources;
    }
}
