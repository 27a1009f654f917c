package dev.rfm.web.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the Customers page and the churn watch rely on when fifty users ask for the same count or page at once. */
class RememberedTest {

    @Test
    void manyReadersAtOnceStartOneComputationAndAllGetItsValue() throws Exception {
        Remembered<String, Long> counts = new Remembered<>("the customers", 10, v -> 1);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(readers.submit(() -> counts.get("champions", () -> {
                    computed.incrementAndGet();
                    awaitQuietly(release);
                    return 208_089L;
                })));
            }
            Thread.sleep(200); // let every reader ask while the first computes
            release.countDown();
            for (Future<Long> answer : answers)
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(208_089L);
            assertThat(computed).hasValue(1);
        } finally {
            readers.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFailureIsNotRememberedAndTheNextReaderTriesAgain() {
        Remembered<String, Long> counts = new Remembered<>("the customers", 10, v -> 1);
        assertThatThrownBy(() -> counts.get("x", () -> {
                    throw new SQLException("connection lost");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Reading the customers failed: connection lost");
        assertThat(counts.get("x", () -> 7L)).isEqualTo(7L);
    }

    @Test
    void theLeastRecentlyUsedGoFirstOnceTheWeightPassesTheLimit() {
        Remembered<String, long[]> ids = new Remembered<>("the customers", 10, v -> v.length);
        AtomicInteger computed = new AtomicInteger();
        ids.get("a", () -> new long[4]);
        ids.get("b", () -> new long[4]);
        ids.get("a", () -> new long[4]); // a is used again: b is now the eldest
        ids.get("c", () -> new long[4]); // 12 > 10: b goes
        ids.get("a", () -> {
            computed.incrementAndGet();
            return new long[4];
        });
        ids.get("b", () -> {
            computed.incrementAndGet();
            return new long[4];
        });
        assertThat(computed).as("a was kept, b computed again").hasValue(1);
    }

    @Test
    void aBackgroundComputationIsStartedOnceAndAwaitedByTheOthers() throws Exception {
        Remembered<String, long[]> ids = new Remembered<>("the customers", 100, v -> v.length);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            var first = ids.start("k", () -> new long[] {3, 1, 2}, background);
            var second = ids.start("k", () -> new long[] {9}, background);
            assertThat(first.byThisCall()).isTrue();
            assertThat(second.byThisCall()).isFalse();
            assertThat(second.await()).containsExactly(3, 1, 2);
        } finally {
            background.shutdownNow();
        }
        // an executor that refuses: the caller hears it, and nobody is left waiting for a value never computed
        assertThatThrownBy(() -> ids.start("r", () -> new long[0], task -> {
                    throw new RejectedExecutionException("shut down");
                }))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(ids.get("r", () -> new long[] {5})).containsExactly(5);
    }
}
