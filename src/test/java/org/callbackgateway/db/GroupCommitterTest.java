package org.callbackgateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.callbackgateway.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {
    private static TestDatabase database;
    private static GroupCommitter committer;

    @BeforeAll
    static void start() {
        database = TestDatabase.empty("group_commit");
        database.jdbi().useHandle(handle -> handle.execute(
                "CREATE TABLE items (id int PRIMARY KEY, owner text NOT NULL)"));
        database.jdbi().useHandle(handle -> handle.execute("CREATE TABLE counter (id int PRIMARY KEY, n int)"));
        database.jdbi().useHandle(handle -> handle.execute("INSERT INTO counter VALUES (1, 0)"));
        committer = new GroupCommitter(database.jdbi(), 32, 2);
    }

    @AfterAll
    static void stop() {
        committer.close();
        database.close();
    }

    /** Runs {@code work(i)} for i in [from, from + count) from {@code count} threads released at once. */
    private static List<Future<Object>> concurrently(int from, int count, java.util.function.IntFunction<Object> work)
            throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            int n = i;
            results.add(threads.submit(() -> {
                start.await();
                return work.apply(n);
            }));
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        return results;
    }

    @Test
    void everyConcurrentUnitIsCommittedBeforeItsCallerReturns() throws Exception {
        long unitsBefore = committer.units();
        long commitsBefore = committer.commits();
        List<Future<Object>> results = concurrently(0, 64, n -> committer.inTransaction(handle -> {
            handle.execute("INSERT INTO items VALUES (?, ?)", n, "t" + n);
            return n * 2;
        }));

        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get()).isEqualTo(i * 2);
        }
        assertThat(database.count("SELECT count(*) FROM items WHERE id < 64")).isEqualTo(64);
        assertThat(committer.units() - unitsBefore).isEqualTo(64);
        // Sixty-four callers released at once share commits.
        assertThat(committer.commits() - commitsBefore).isLessThan(64);
    }

    @Test
    void aFailingUnitFailsAloneAndTheOthersCommit() throws Exception {
        List<Future<Object>> results = concurrently(100, 40, n -> {
            try {
                return committer.inTransaction(handle -> {
                    handle.execute("INSERT INTO items VALUES (?, ?)", n, "t");
                    if (n % 10 == 3) {
                        throw new IllegalArgumentException("unit " + n + " refuses");
                    }
                    return "ok";
                });
            } catch (IllegalArgumentException refused) {
                return refused.getMessage();
            }
        });

        for (int i = 0; i < results.size(); i++) {
            int n = 100 + i;
            assertThat(results.get(i).get()).isEqualTo(n % 10 == 3 ? "unit " + n + " refuses" : "ok");
        }
        assertThat(database.count("SELECT count(*) FROM items WHERE id BETWEEN 100 AND 139")).isEqualTo(36);
    }

    @Test
    void unitsLockingTheSameRowNeitherDeadlockNorLoseUpdates() throws Exception {
        concurrently(0, 50, n -> committer.inTransaction(handle -> {
            int current = handle.createQuery("SELECT n FROM counter WHERE id = 1 FOR UPDATE").mapTo(Integer.class).one();
            handle.execute("UPDATE counter SET n = ? WHERE id = 1", current + 1);
            return null;
        }));

        assertThat(database.count("SELECT n FROM counter WHERE id = 1")).isEqualTo(50);
    }

    @Test
    void aDatabaseErrorInAUnitIsThatUnitsError() {
        committer.inTransaction(handle -> handle.execute("INSERT INTO items VALUES (1000, 'first')"));

        assertThatThrownBy(() -> committer.inTransaction(handle -> handle.execute("INSERT INTO items VALUES (1000, 'again')")))
                .satisfies(failure -> assertThat(DatabaseFailures.isUniqueViolation(failure)).isTrue());
    }
}
