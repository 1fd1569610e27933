package org.callbackgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The loop on real threads. Every wait is on a latch with a generous limit, so that a loaded machine makes a
 * test slower, never red; the only timing asserted is a lower bound (a backoff was waited out).
 */
class BackgroundLoopTest {
    /** Longer than any test: a step that runs anyway was woken or drained, not timed. */
    private static final Duration NEVER = Duration.ofHours(1);
    private static final long LIMIT_SECONDS = 30;
    private static final BackgroundLoop.Timing QUICK = new BackgroundLoop.Timing(Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofSeconds(10));

    private BackgroundLoop loop;

    @AfterEach
    void closeLoop() {
        if (loop != null) {
            loop.close();
        }
    }

    /** Starts the loop and asks for its first step at once, rather than after the interval. */
    private void startAndWake() {
        loop.start();
        loop.wake();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(LIMIT_SECONDS, TimeUnit.SECONDS)).as("latch reached within %d s", LIMIT_SECONDS)
                .isTrue();
    }

    @Test
    void runsOnANamedDaemonThread() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        loop = new BackgroundLoop("test-loop", NEVER, () -> {
            ranOn.set(Thread.currentThread());
            ran.countDown();
            return false;
        });
        startAndWake();

        await(ran);
        assertThat(ranOn.get().getName()).isEqualTo("test-loop");
        assertThat(ranOn.get().isDaemon()).isTrue();
    }

    @Test
    void runsEveryIntervalWithoutAWakeUp() throws Exception {
        CountDownLatch threeSteps = new CountDownLatch(3);
        loop = new BackgroundLoop("test-loop", Duration.ofMillis(10), () -> {
            threeSteps.countDown();
            return false;
        });
        loop.start();

        await(threeSteps);
    }

    @Test
    void drainsWithoutWaitingWhileTheStepReportsMore() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        CountDownLatch drained = new CountDownLatch(1);
        loop = new BackgroundLoop("test-loop", NEVER, () -> {
            if (steps.incrementAndGet() == 6) {
                drained.countDown();
            }
            return steps.get() < 6;
        });
        startAndWake();

        // One wake-up, an interval of an hour: only draining gets to six steps.
        await(drained);
        assertThat(steps.get()).isEqualTo(6);
    }

    @Test
    void wakeUpsDuringAStepGiveExactlyOneMoreStep() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        loop = new BackgroundLoop("test-loop", NEVER, () -> {
            if (steps.incrementAndGet() == 1) {
                firstStarted.countDown();
                releaseFirst.await();
            } else {
                secondDone.countDown();
            }
            return false;
        });
        startAndWake();
        await(firstStarted);
        for (int i = 0; i < 10; i++) {
            loop.wake();
        }
        releaseFirst.countDown();

        await(secondDone);
        loop.close();
        assertThat(steps.get()).as("ten wake-ups during one step are one step more").isEqualTo(2);
    }

    @Test
    void closeStopsAnIdleLoopAndLaterWakeUpsDoNothing() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        loop = new BackgroundLoop("test-loop", NEVER, () -> {
            steps.incrementAndGet();
            ranOn.set(Thread.currentThread());
            ran.countDown();
            return false;
        });
        startAndWake();
        await(ran);

        loop.close();
        loop.wake();
        assertThat(loop.closing()).isTrue();
        assertThat(ranOn.get().isAlive()).as("the loop's thread has ended").isFalse();
        assertThat(steps.get()).isEqualTo(1);
    }

    @Test
    void rejectsAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new BackgroundLoop("test-loop", Duration.ZERO, () -> false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class WhenAStepRunsAtClose {
        @Test
        void closeWaitsForTheStepToEndWithoutInterruptingIt() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean sawClosing = new AtomicBoolean();
            AtomicInteger steps = new AtomicInteger();
            loop = new BackgroundLoop("test-loop", NEVER, QUICK, () -> {
                steps.incrementAndGet();
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                sawClosing.set(loop.closing());
                return true;
            });
            startAndWake();
            await(started);

            Thread closer = new Thread(loop::close);
            closer.start();
            while (!loop.closing()) {
                Thread.onSpinWait();
            }
            release.countDown();
            closer.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));

            assertThat(closer.isAlive()).isFalse();
            assertThat(interrupted).as("a step that ends within the grace period is not interrupted").isFalse();
            assertThat(sawClosing).as("the step can see the loop closing").isTrue();
            assertThat(steps.get()).as("no step starts once closing, though the last one reported more").isEqualTo(1);
        }

        @Test
        void closeInterruptsAStepStuckPastTheGracePeriod() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            loop = new BackgroundLoop("test-loop", NEVER, shortGrace(), () -> {
                ranOn.set(Thread.currentThread());
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return false;
            });
            startAndWake();
            await(started);

            loop.close();

            // close() has returned (bounded); the interrupted step may still be on its way out on a busy machine.
            await(interrupted);
            ranOn.get().join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
            assertThat(ranOn.get().isAlive()).as("the loop's thread has ended").isFalse();
        }

        @Test
        void closeReturnsEvenWhenTheStepIgnoresTheInterrupt() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean release = new AtomicBoolean();
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            loop = new BackgroundLoop("test-loop", NEVER, shortGrace(), () -> {
                ranOn.set(Thread.currentThread());
                started.countDown();
                while (!release.get()) {
                    Thread.onSpinWait();
                }
                return false;
            });
            startAndWake();
            await(started);

            loop.close();

            Thread stuck = ranOn.get();
            assertThat(stuck.isAlive()).as("close returned while the step still runs").isTrue();
            release.set(true);
            stuck.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
            assertThat(stuck.isAlive()).isFalse();
        }

        private static BackgroundLoop.Timing shortGrace() {
            return new BackgroundLoop.Timing(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(50));
        }
    }

    @Nested
    class WhenStepsFail {
        private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
        private final Logger logger = (Logger) LoggerFactory.getLogger(BackgroundLoop.class);
        private Level levelBefore;

        @BeforeEach
        void captureLog() {
            logged.start();
            logger.addAppender(logged);
            levelBefore = logger.getLevel();
            logger.setLevel(Level.INFO);
        }

        @AfterEach
        void releaseLog() {
            logger.detachAppender(logged);
            logger.setLevel(levelBefore);
        }

        @Test
        void aWakeUpDoesNotCutTheBackoffShort() throws Exception {
            Duration floor = Duration.ofMillis(300);
            AtomicLong failedAt = new AtomicLong();
            AtomicLong retriedAt = new AtomicLong();
            CountDownLatch failed = new CountDownLatch(1);
            CountDownLatch retried = new CountDownLatch(1);
            // The interval is short, the backoff long: a retry before the backoff ended would be the wake-up's.
            loop = new BackgroundLoop("test-loop", Duration.ofMillis(10),
                    new BackgroundLoop.Timing(floor, floor, Duration.ofSeconds(10)),
                    () -> {
                        if (failed.getCount() > 0) {
                            failedAt.set(System.nanoTime());
                            failed.countDown();
                            throw new IllegalStateException("the database is away");
                        }
                        retriedAt.set(System.nanoTime());
                        retried.countDown();
                        return false;
                    });
            startAndWake();
            await(failed);
            loop.wake();

            await(retried);
            assertThat(Duration.ofNanos(retriedAt.get() - failedAt.get())).isGreaterThanOrEqualTo(floor);
        }

        @Test
        void aFailureStormLogsOnceWhenItStartsAndOnceWhenItEnds() throws Exception {
            AtomicInteger steps = new AtomicInteger();
            CountDownLatch recovered = new CountDownLatch(1);
            CountDownLatch stepAfterRecovery = new CountDownLatch(1);
            loop = new BackgroundLoop("test-loop", Duration.ofMillis(1), QUICK, () -> {
                int step = steps.incrementAndGet();
                if (step <= 50) {
                    throw new IllegalStateException("POST https://user:hunter2@hooks.example/in?token=s3cret failed");
                }
                if (step == 51) {
                    recovered.countDown();
                } else {
                    stepAfterRecovery.countDown();
                }
                return false;
            });
            loop.start();

            await(recovered);
            await(stepAfterRecovery);
            List<ILoggingEvent> events = List.copyOf(logged.list);
            assertThat(events).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                    .satisfies(warning -> assertThat(warning.getFormattedMessage())
                            .contains("test-loop is failing", "IllegalStateException",
                                    "POST https://hooks.example/in failed"));
            assertThat(events).filteredOn(event -> event.getLevel() == Level.INFO).singleElement()
                    .satisfies(info -> assertThat(info.getFormattedMessage())
                            .contains("test-loop works again after 50 failed attempts"));
            assertThat(events).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(line -> line.contains("hunter2") || line.contains("s3cret"));
            assertThat(events).allMatch(event -> event.getThrowableProxy() == null);
        }

        @Test
        void anErrorEndsTheLoopAndIsLogged() throws Exception {
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            loop = new BackgroundLoop("test-loop", NEVER, QUICK, () -> {
                ranOn.set(Thread.currentThread());
                throw new AssertionError("a broken invariant");
            });
            startAndWake();
            while (ranOn.get() == null) {
                Thread.onSpinWait();
            }
            ranOn.get().join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));

            assertThat(ranOn.get().isAlive()).isFalse();
            assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.ERROR).singleElement()
                    .satisfies(error -> assertThat(error.getFormattedMessage())
                            .contains("test-loop stopped: AssertionError: a broken invariant"));
        }

        @Test
        void aFailingLoopKeepsTrying() throws Exception {
            CountDownLatch fiveFailures = new CountDownLatch(5);
            loop = new BackgroundLoop("test-loop", Duration.ofMillis(2), QUICK, () -> {
                fiveFailures.countDown();
                throw new java.sql.SQLException("Connection refused", "08001");
            });
            loop.start();

            await(fiveFailures);
        }
    }
}
