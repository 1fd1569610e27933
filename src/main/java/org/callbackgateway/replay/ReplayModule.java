package org.callbackgateway.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.callbackgateway.callbacks.DeliveryFilters;
import org.callbackgateway.callbacks.DeliveryQueryService;
import org.callbackgateway.callbacks.DeliveryReplayer;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires replays: the admin resource, the service and the background worker that runs bulk replays.
 */
public final class ReplayModule implements AutoCloseable {
    /** The most deliveries one bulk run may take. */
    public static final int MAX_RUN_SIZE = 100_000;
    private static final long POLL_MILLIS = 2_000;

    private final ReplayWorker worker;
    private final ReplayService service;
    private final ReplayResource resource;

    public ReplayModule(Jdbi jdbi, DeliveryReplayer replayer, ObjectMapper mapper, Clock clock) {
        this.worker = new ReplayWorker(jdbi, replayer, clock, POLL_MILLIS);
        this.service = new ReplayService(jdbi, replayer, new DeliveryQueryService(jdbi), clock, MAX_RUN_SIZE,
                worker::wake);
        this.resource = new ReplayResource(service, new DeliveryFilters(mapper));
    }

    public void start() {
        worker.start();
    }

    public ReplayService service() {
        return service;
    }

    /** The worker, for tests that run a round by hand. */
    public ReplayWorker worker() {
        return worker;
    }

    public List<Object> resources() {
        return List.of(resource);
    }

    @Override
    public void close() {
        worker.close();
    }
}
