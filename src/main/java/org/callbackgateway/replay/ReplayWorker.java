package org.callbackgateway.replay;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.DeliveryReplayer;
import org.callbackgateway.callbacks.ReplayMark;
import org.callbackgateway.callbacks.ReplayOutcome;
import org.callbackgateway.callbacks.StoredDelivery;
import org.callbackgateway.db.DatabaseFailures;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.BackgroundLoop;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the items of running bulk runs, on every instance. An instance claims a batch of items with
 * {@code FOR UPDATE SKIP LOCKED} and keeps their row locks (its claiming transaction open) while it replays
 * them, so no other instance can take them, however long it takes; if it dies, its connection ends, the locks
 * go, and another instance claims the items again. Each replay is stored marked with its run, in the
 * transaction of its effects: an item whose replay committed but whose claim did not is found marked and is
 * not replayed a second time.
 */
public final class ReplayWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayWorker.class);
    private static final int BATCH = 50;

    private final Jdbi jdbi;
    private final DeliveryReplayer replayer;
    private final Clock clock;
    private final BackgroundLoop loop;

    public ReplayWorker(Jdbi jdbi, DeliveryReplayer replayer, Clock clock, long pollMillis) {
        this.jdbi = jdbi;
        this.replayer = replayer;
        this.clock = clock;
        this.loop = new BackgroundLoop("replays", Duration.ofMillis(pollMillis), () -> {
            tick();
            return false;
        });
    }

    public void start() {
        loop.start();
    }

    /** Runs a round soon, rather than at the next poll (a run was just created on this instance). */
    public void wake() {
        loop.wake();
    }

    /** One round: works through every running run until nothing is left to claim. Returns items replayed. */
    public int tick() {
        int replayed = 0;
        for (ReplayRun run : jdbi.withExtension(ReplayRunDao.class, ReplayRunDao::running)) {
            int claimed;
            do {
                claimed = batch(run);
                replayed += claimed;
            } while (claimed > 0 && !loop.closing());
            jdbi.useExtension(ReplayRunDao.class, dao -> dao.finishIfDone(run.id(), clock.instant()));
        }
        return replayed;
    }

    private int batch(ReplayRun run) {
        return jdbi.inTransaction(claim -> {
            ReplayRunDao dao = claim.attach(ReplayRunDao.class);
            List<Long> items = dao.claim(run.id(), BATCH);
            int replayed = 0;
            for (long deliveryId : items) {
                if (loop.closing() || !dao.state(run.id()).orElse("").equals("running")) {
                    break;
                }
                Outcome outcome = replayOnce(run, deliveryId);
                dao.done(run.id(), deliveryId, outcome.name(), outcome.replayId(), clock.instant());
                replayed++;
            }
            return replayed;
        });
    }

    private record Outcome(String name, Long replayId) {
    }

    private Outcome replayOnce(ReplayRun run, long deliveryId) {
        Optional<DeliveryInbox.EarlierReplay> earlier = replayer.earlierReplay(deliveryId, run.id());
        if (earlier.isPresent()) {
            return new Outcome(earlier.get().verification().equals("rejected") ? "rejected"
                    : earlier.get().processing(), earlier.get().id());
        }
        Optional<StoredDelivery> stored = replayer.find(deliveryId);
        if (stored.isEmpty()) {
            return new Outcome("gone", null);
        }
        ReplayMark mark = new ReplayMark(deliveryId, run.trust() ? ReplayMark.Mode.TRUST : ReplayMark.Mode.VERIFY,
                Optional.of(run.id()));
        try {
            ReplayOutcome outcome = replayer.replay(stored.get(), mark);
            return new Outcome(outcome.verification().equals("rejected") ? "rejected" : outcome.processing(),
                    outcome.deliveryId());
        } catch (ApiException refused) {
            return new Outcome("refused", null);
        } catch (RuntimeException failure) {
            if (DatabaseFailures.isUnavailable(failure)) {
                throw failure;
            }
            LOG.warn("replay of delivery {} in run {} failed: {}", deliveryId, run.id(), failure.toString());
            return new Outcome("failed", null);
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
