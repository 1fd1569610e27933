package org.callbackgateway.notifications;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.config.HpcConfig;
import org.callbackgateway.jobs.StatusChangeListener;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * The DE notification agent, when {@code GATEWAY_NOTIFICATION_AGENT_URL} is set: every applied status change is
 * queued in its outbox, in the change's transaction, and a cluster-safe sender posts the queue.
 */
public final class NotificationsModule implements FeatureModule {
    private final Foundation foundation;
    private final Optional<URI> agentUrl;
    private OutboxSender sender;

    public NotificationsModule(Foundation foundation) {
        this.foundation = foundation;
        this.agentUrl = foundation.config().hpc().notificationAgentUrl();
        JdbiFactory.precomputeSqlObjects(foundation.jdbi(), List.of(OutboxDao.class));
    }

    /** What the jobs feature calls on every applied status change. */
    public StatusChangeListener statusChanges() {
        return agentUrl.isPresent() ? new AgentNotifier(foundation.mapper(), foundation.clock())
                : StatusChangeListener.NONE;
    }

    @Override
    public void start() {
        agentUrl.ifPresent(url -> {
            HpcConfig hpc = foundation.config().hpc();
            sender = new OutboxSender(foundation.jdbi(), url, foundation.clock(), hpc.pollSeconds());
            sender.start();
        });
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
    }
}
