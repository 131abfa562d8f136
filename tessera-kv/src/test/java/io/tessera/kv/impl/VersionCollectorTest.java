package io.tessera.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.common.time.Clock;
import io.tessera.common.time.HybridClock;
import io.tessera.kv.api.KvMetrics;
import io.tessera.replication.api.FragmentKeys;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageConfig;
import io.tessera.storage.api.StorageEngine;
import io.tessera.storage.api.StorageSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector over a real engine with a hand-driven clock; the node-level scenario is in {@link VersionCollectorNodeTest}. */
class VersionCollectorTest {
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final long START_MILLIS = 1_000_000;

    @TempDir Path dir;
    StorageEngine storage;
    final AtomicLong nowMillis = new AtomicLong(START_MILLIS);
    final Clock clock = new Clock() {
        @Override public long nowMillis() { return nowMillis.get(); }
        @Override public long nanoTime() { return System.nanoTime(); }
    };

    @BeforeEach
    void open() { storage = StorageEngine.open(StorageConfig.small(dir.resolve("db"))); }

    @AfterEach
    void close() { storage.close(); }

    /** The applied index of each hosted fragment: tests move it when they write, as an apply would. */
    final Map<Long, Long> appliedIndex = new ConcurrentHashMap<>();

    private VersionCollector collector(List<Long> fragments) {
        fragments.forEach(id -> appliedIndex.putIfAbsent(id, 1L));
        VersionCollector.Replicas replicas = new VersionCollector.Replicas() {
            @Override public Collection<Long> fragmentIds() { return fragments; }

            @Override public OptionalLong changeMark(long fragmentId) {
                Long index = appliedIndex.get(fragmentId);
                return index == null ? OptionalLong.empty() : OptionalLong.of(index);
            }
        };
        return new VersionCollector("n1", storage, replicas, clock, WINDOW, KvMetrics.unregistered());
    }

    private static long ts(long millis) { return HybridClock.timestampAt(millis); }

    /** Writes versions of row "r" of the fragment at the given wall-clock milliseconds, as one applied command. */
    private void writeVersions(long fragmentId, long... millis) {
        appliedIndex.computeIfPresent(fragmentId, (id, index) -> index + 1);
        try (StorageBatch batch = storage.newBatch()) {
            for (long m : millis) {
                batch.put(FragmentKeys.storageKey(fragmentId, "r".getBytes(StandardCharsets.UTF_8)), ts(m), ("v" + m).getBytes());
            }
            storage.write(batch);
        }
    }

    private int versionCount(long fragmentId) {
        try (StorageSnapshot snapshot = storage.snapshot()) {
            return snapshot.scanRaw(FragmentKeys.prefix(fragmentId), FragmentKeys.storageEnd(fragmentId, null), null,
                    Long.MAX_VALUE).size();
        }
    }

    @Test
    void intervalIsAQuarterOfTheWindowBetweenOneSecondAndAMinute() {
        assertThat(VersionCollector.intervalOf(Duration.ofHours(4))).isEqualTo(Duration.ofSeconds(60));
        assertThat(VersionCollector.intervalOf(Duration.ofSeconds(8))).isEqualTo(Duration.ofSeconds(2));
        assertThat(VersionCollector.intervalOf(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new VersionCollector("n1", storage, null, clock, Duration.ofMillis(999),
                KvMetrics.unregistered())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void collectsOnlyVersionsOlderThanTheWindowInHostedFragments() {
        writeVersions(1, START_MILLIS - 30_000, START_MILLIS - 20_000, START_MILLIS - 5_000, START_MILLIS - 1_000);
        writeVersions(2, START_MILLIS - 30_000, START_MILLIS - 20_000); // not hosted: never touched
        VersionCollector collector = collector(List.of(1L));

        // Horizon now - 10 s: -20 s is what reads at the horizon see, -30 s is garbage.
        assertThat(collector.collectNow()).isEqualTo(1);
        assertThat(versionCount(1)).isEqualTo(3);
        assertThat(versionCount(2)).isEqualTo(2);

        nowMillis.addAndGet(20_000); // horizon now - 10 s = start + 10 s: only the newest stays
        assertThat(collector.collectNow()).isEqualTo(2);
        assertThat(versionCount(1)).isEqualTo(1);
        assertThat(storage.get(FragmentKeys.storageKey(1, "r".getBytes()), Long.MAX_VALUE)).map(String::new)
                .contains("v" + (START_MILLIS - 1_000));
        collector.close();
    }

    @Test
    void anUnchangedReplicaIsSkippedUntilTheHorizonReachesItsNewerVersions() {
        writeVersions(3, START_MILLIS - 30_000, START_MILLIS - 5_000);
        VersionCollector collector = collector(List.of(3L));
        assertThat(collector.collectNow()).isZero(); // -30 s is what reads at the horizon see; -5 s is newer
        assertThat(versionCount(3)).isEqualTo(2);

        // Garbage that appears without an apply (impossible in a node) shows that the sweep is skipped...
        try (StorageBatch batch = storage.newBatch()) {
            batch.put(FragmentKeys.storageKey(3, "old".getBytes()), ts(START_MILLIS - 50_000), "a".getBytes())
                    .put(FragmentKeys.storageKey(3, "old".getBytes()), ts(START_MILLIS - 40_000), "b".getBytes());
            storage.write(batch);
        }
        nowMillis.addAndGet(4_000); // horizon -6 s: still below the version at -5 s
        assertThat(collector.collectNow()).isZero();
        assertThat(versionCount(3)).isEqualTo(4);

        // ...until the horizon passes the oldest version the last sweep saw above its horizon...
        nowMillis.addAndGet(1_000);
        assertThat(collector.collectNow()).isEqualTo(2);
        assertThat(versionCount(3)).isEqualTo(2);

        // ...or the replica applies something.
        try (StorageBatch batch = storage.newBatch()) {
            batch.put(FragmentKeys.storageKey(3, "old".getBytes()), ts(START_MILLIS - 45_000), "c".getBytes());
            storage.write(batch);
        }
        assertThat(collector.collectNow()).isZero();
        appliedIndex.computeIfPresent(3L, (id, index) -> index + 1);
        assertThat(collector.collectNow()).isEqualTo(1);
        collector.close();
    }

    @Test
    void theHorizonNeverMovesBackAndOlderReadsAreRefused() {
        VersionCollector collector = collector(List.of());
        long horizon = collector.horizon();
        assertThat(horizon).isEqualTo(ts(START_MILLIS - WINDOW.toMillis()));

        nowMillis.addAndGet(-5_000); // the wall clock steps back
        assertThat(collector.horizon()).isEqualTo(horizon);

        collector.checkReadable(horizon);
        assertThatThrownBy(() -> collector.checkReadable(horizon - 1)).isInstanceOf(SqlException.class)
                .hasMessage("snapshot too old")
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("72000"));
        collector.close();
    }

    @Test
    void backgroundSweepsCollectOnceTheWindowHasPassed() throws InterruptedException {
        writeVersions(7, START_MILLIS - 3_000, START_MILLIS - 2_000, START_MILLIS - 1_000);
        VersionCollector collector = collector(List.of(7L));
        collector.start();
        try {
            assertThat(versionCount(7)).isEqualTo(3); // every version is inside the window
            nowMillis.addAndGet(WINDOW.toMillis());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (versionCount(7) > 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(versionCount(7)).isEqualTo(1);
        } finally {
            collector.close();
        }
        assertThatThrownBy(collector::collectNow).isInstanceOf(IllegalStateException.class);
    }
}
