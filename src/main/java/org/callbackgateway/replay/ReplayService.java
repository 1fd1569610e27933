package org.callbackgateway.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.callbacks.DeliveryFilter;
import org.callbackgateway.callbacks.DeliveryQueryService;
import org.callbackgateway.callbacks.DeliveryReplayer;
import org.callbackgateway.callbacks.ReplayMark;
import org.callbackgateway.callbacks.ReplayOutcome;
import org.callbackgateway.web.ApiException;
import org.jdbi.v3.core.Jdbi;

/**
 * Replays of stored deliveries: one at once, or every delivery a filter matches as a bulk run that the
 * instances' {@link ReplayWorker}s share.
 */
public final class ReplayService {
    private final Jdbi jdbi;
    private final DeliveryReplayer replayer;
    private final DeliveryQueryService deliveries;
    private final Clock clock;
    private final int maxRunSize;
    private final Runnable wake;

    public ReplayService(Jdbi jdbi, DeliveryReplayer replayer, DeliveryQueryService deliveries, Clock clock,
                         int maxRunSize, Runnable wake) {
        this.jdbi = jdbi;
        this.replayer = replayer;
        this.deliveries = deliveries;
        this.clock = clock;
        this.maxRunSize = maxRunSize;
        this.wake = wake;
    }

    /**
     * Replays one delivery now.
     *
     * @throws ApiException 404 when it is not (or no longer) stored, 409 when it cannot be replayed
     */
    public ReplayOutcome replay(long deliveryId, ReplayMark.Mode mode) {
        var stored = replayer.find(deliveryId)
                .orElseThrow(() -> ApiException.notFound("delivery " + deliveryId + " not found"));
        return replayer.replay(stored, new ReplayMark(deliveryId, mode, Optional.empty()));
    }

    /**
     * Creates a bulk run over every delivery {@code filter} matches now; the workers replay them oldest first.
     *
     * @throws ApiException 400 for a bad filter, or when more than the maximum number of deliveries match
     */
    public ReplayProgress start(DeliveryFilter filter, JsonNode filterJson, boolean trust, String createdBy) {
        List<Long> ids = deliveries.ids(filter, maxRunSize).orElseThrow(() -> ApiException.illegalArgument(
                "more than " + maxRunSize + " deliveries match: narrow the filter (a source, an outcome, a time range)"));
        UUID id = UUID.randomUUID();
        jdbi.useTransaction(handle -> {
            ReplayRunDao dao = handle.attach(ReplayRunDao.class);
            dao.insertRun(id, filterJson.toString(), trust, ids.size(), createdBy, clock.instant());
            for (int from = 0; from < ids.size(); from += 1000) {
                dao.insertItems(id, ids.subList(from, Math.min(ids.size(), from + 1000)));
            }
            dao.finishIfDone(id, clock.instant());
        });
        wake.run();
        return progress(id).orElseThrow();
    }

    public Optional<ReplayProgress> progress(UUID id) {
        return jdbi.withExtension(ReplayRunDao.class, dao -> dao.find(id)
                .map(run -> ReplayProgress.of(run, dao.outcomes(id))));
    }

    /**
     * Stops a running run: items not yet replayed stay so.
     *
     * @throws ApiException 404 for an unknown run, 409 for one already finished
     */
    public ReplayProgress cancel(UUID id) {
        int cancelled = jdbi.withExtension(ReplayRunDao.class, dao -> dao.cancel(id, clock.instant()));
        ReplayProgress progress = progress(id).orElseThrow(() -> ApiException.notFound("replay " + id + " not found"));
        if (cancelled == 0 && !progress.state().equals("cancelled")) {
            throw ApiException.conflict("replay " + id + " is already " + progress.state());
        }
        return progress;
    }
}
