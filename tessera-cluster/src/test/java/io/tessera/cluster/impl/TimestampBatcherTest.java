package io.tessera.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimestampBatcherTest {

    @Test
    void callersWaitingTogetherShareOneFetch() throws Exception {
        CountDownLatch firstFetchStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstFetch = new CountDownLatch(1);
        ConcurrentLinkedQueue<Integer> counts = new ConcurrentLinkedQueue<>();
        AtomicLong counter = new AtomicLong(100);
        TimestampBatcher batcher = new TimestampBatcher(count -> {
            counts.add(count);
            if (counts.size() == 1) {
                firstFetchStarted.countDown();
                await(releaseFirstFetch);
            }
            return counter.getAndAdd(count) + 1;
        });
        ConcurrentLinkedQueue<Long> got = new ConcurrentLinkedQueue<>();
        Thread first = Thread.ofVirtual().start(() -> got.add(batcher.next()));
        assertThat(firstFetchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(Thread.ofVirtual().start(() -> got.add(batcher.next())));
        }
        waitUntilQueued(batcher, 10);
        releaseFirstFetch.countDown();
        first.join();
        for (Thread t : queued) {
            t.join();
        }
        assertThat(counts).containsExactly(1, 10);
        assertThat(new HashSet<>(got)).hasSize(11);
        assertThat(got).allSatisfy(t -> assertThat(t).isBetween(101L, 111L));
    }

    @Test
    void aFailedFetchFailsItsCallersAndTheNextCallFetchesAgain() {
        AtomicLong calls = new AtomicLong();
        TimestampBatcher batcher = new TimestampBatcher(count -> {
            if (calls.incrementAndGet() == 1) {
                throw new SqlException(SqlState.CONNECTION_FAILURE, "no leader");
            }
            return 7;
        });
        assertThatThrownBy(batcher::next).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("08006"));
        assertThat(batcher.next()).isEqualTo(7);
    }

    @Test
    void manyThreadsGetDistinctTimestampsEachIncreasing() throws InterruptedException {
        AtomicLong counter = new AtomicLong();
        TimestampBatcher batcher = new TimestampBatcher(count -> counter.getAndAdd(count) + 1);
        Set<Long> all = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                long previous = 0;
                for (int i = 0; i < 2_000; i++) {
                    long ts = batcher.next();
                    assertThat(ts).isGreaterThan(previous);
                    assertThat(all.add(ts)).isTrue();
                    previous = ts;
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(all).hasSize(16 * 2_000);
        assertThat(counter.get()).isEqualTo(16 * 2_000);
    }

    private static void waitUntilQueued(TimestampBatcher batcher, int callers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batcher.queued() < callers && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(batcher.queued()).isEqualTo(callers);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
