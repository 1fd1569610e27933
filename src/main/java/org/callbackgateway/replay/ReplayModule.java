package org.callbackgateway.replay;

import java.util.List;
import org.callbackgateway.callbacks.DeliveryFilters;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.DeliveryQueryService;
import org.callbackgateway.callbacks.DeliveryReplayer;
import org.callbackgateway.callbacks.SignedReplayer;
import org.callbackgateway.callbacks.notification.NotificationService;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * Replays of stored deliveries: {@code POST /admin/deliveries/{id}/replay}, the bulk runs of
 * {@code POST /admin/deliveries/replay} with their progress and cancel, and the worker every instance runs.
 */
public final class ReplayModule implements FeatureModule {
    /** The most deliveries one bulk run may take. */
    public static final int MAX_RUN_SIZE = 100_000;
    private static final long POLL_MILLIS = 2_000;

    private final ReplayWorker worker;
    private final ReplayService service;
    private final List<Object> resources;

    public ReplayModule(Foundation foundation, DeliveryInbox inbox, NotificationService notifications,
                        SignedReplayer signed) {
        JdbiFactory.precomputeSqlObjects(foundation.jdbi(), List.of(ReplayRunDao.class));
        DeliveryReplayer replayer = new DeliveryReplayer(inbox, notifications, signed, foundation.clock());
        this.worker = new ReplayWorker(foundation.jdbi(), replayer, foundation.clock(), POLL_MILLIS);
        this.service = new ReplayService(foundation.jdbi(), replayer, new DeliveryQueryService(foundation.jdbi()),
                foundation.clock(), MAX_RUN_SIZE, worker::wake);
        this.resources = List.of(new ReplayResource(service, new DeliveryFilters(foundation.mapper())));
    }

    @Override
    public void start() {
        worker.start();
    }

    /** The replay service, for programs on the same database. */
    public ReplayService service() {
        return service;
    }

    /** The worker, for tests that run a round by hand. */
    public ReplayWorker worker() {
        return worker;
    }

    @Override
    public List<Object> resources() {
        return resources;
    }

    @Override
    public void close() {
        worker.close();
    }
}
