package io.tessera.storage.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.storage.api.GcPass;
import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageConfig;
import io.tessera.storage.api.StorageEngine;
import io.tessera.storage.api.StorageFaults;
import io.tessera.storage.api.StorageSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collection rule of {@link StorageEngine#collectGarbage} on a real RocksDB. */
class GarbageCollectionTest {
    @TempDir Path dir;
    StorageEngine engine;

    @BeforeEach
    void open() { engine = StorageEngine.open(StorageConfig.small(dir.resolve("db"))); }

    @AfterEach
    void close() { engine.close(); }

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private void apply(Consumer<StorageBatch> ops) {
        try (StorageBatch batch = engine.newBatch()) {
            ops.accept(batch);
            engine.write(batch);
        }
    }

    /** Every stored version as "key@ts" (with "x" appended for a tombstone), in storage order. */
    private List<String> versions() {
        List<String> out = new ArrayList<>();
        try (StorageSnapshot snapshot = engine.snapshot()) {
            for (KeyValue kv : snapshot.scanRaw(null, null, null, Long.MAX_VALUE)) {
                String tag = MvccValue.isLive(kv.value()) ? "" : "x";
                out.add(new String(MvccKey.userKey(kv.key()), StandardCharsets.ISO_8859_1) + "@"
                        + MvccKey.timestamp(kv.key()) + tag);
            }
        }
        return out;
    }

    @Test
    void keepsTheNewestVersionAtOrBelowTheHorizonAndEverythingNewer() {
        apply(batch -> {
            for (int ts = 10; ts <= 100; ts += 10) {
                batch.put(b("k"), ts, b("v" + ts));
            }
        });
        assertThat(engine.collectGarbage(null, null, 55)).isEqualTo(4);
        assertThat(versions()).containsExactly("k@100", "k@90", "k@80", "k@70", "k@60", "k@50");
        assertThat(engine.get(b("k"), 55)).map(String::new).contains("v50");
        assertThat(engine.get(b("k"), 49)).isEmpty(); // below the horizon history is gone, as documented
    }

    @Test
    void documentedExampleWithATombstone() {
        apply(batch -> batch.put(b("k"), 10, b("a")).tombstone(b("k"), 20).put(b("k"), 30, b("b")).put(b("k"), 40, b("c")));
        assertThat(engine.collectGarbage(null, null, 5)).isZero();
        assertThat(engine.collectGarbage(null, null, 25)).isEqualTo(2);
        assertThat(versions()).containsExactly("k@40", "k@30");
        assertThat(engine.get(b("k"), 25)).isEmpty();
        assertThat(engine.collectGarbage(null, null, 35)).isZero();
        assertThat(engine.collectGarbage(null, null, 45)).isEqualTo(1);
        assertThat(versions()).containsExactly("k@40");
    }

    @Test
    void aTombstoneAtOrBelowTheHorizonGoesWithEverythingOlder() {
        apply(batch -> batch.put(b("gone"), 1, b("a")).put(b("gone"), 2, b("b")).tombstone(b("gone"), 3)
                .put(b("stays"), 1, b("s")));
        assertThat(engine.collectGarbage(null, null, 3)).isEqualTo(3);
        assertThat(versions()).containsExactly("stays@1");
        assertThat(engine.scan(null, null, 3, 0)).extracting(kv -> new String(kv.key())).containsExactly("stays");
    }

    @Test
    void theHorizonItselfIsInclusive() {
        apply(batch -> batch.put(b("live"), 5, b("old")).put(b("live"), 7, b("at"))
                .put(b("dead"), 5, b("old")).tombstone(b("dead"), 7));
        assertThat(engine.collectGarbage(null, null, 6)).isZero();
        assertThat(engine.collectGarbage(null, null, 7)).isEqualTo(3);
        assertThat(versions()).containsExactly("live@7");
    }

    @Test
    void keysWithOnlyNewerVersionsOrASingleVersionAreUntouched() {
        apply(batch -> batch.put(b("new"), 50, b("a")).put(b("new"), 60, b("b")).put(b("single"), 1, b("s"))
                .tombstone(b("newdead"), 70));
        GcPass pass = engine.collectGarbage(null, null, 40, 100);
        assertThat(pass.versionsRemoved()).isZero();
        assertThat(pass.minTsAboveHorizon()).isEqualTo(50); // nothing can become garbage before the horizon reaches 50
        assertThat(versions()).containsExactly("new@60", "new@50", "newdead@70x", "single@1");
        assertThat(engine.collectGarbage(null, null, 100, 100).minTsAboveHorizon()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void versionsSkippedBySeekingToTheHorizonBoundTheNextUsefulHorizonConservatively() {
        apply(batch -> {
            for (int ts = 1; ts <= 30; ts++) {
                batch.put(b("many"), ts, b("v" + ts));
            }
        });
        GcPass pass = engine.collectGarbage(null, null, 5, 100);
        assertThat(pass.versionsRemoved()).isEqualTo(4);
        assertThat(pass.minTsAboveHorizon()).isEqualTo(6); // 6..22 were jumped over, not read
        assertThat(versions()).hasSize(26).contains("many@5").doesNotContain("many@4");
    }

    @Test
    void onlyTheGivenSpanIsCollected() {
        byte[] k = {'t', 0, 5};
        byte[] longer = {'t', 0, 5, 0}; // k is a prefix of it: versions of the two must not mix
        apply(batch -> {
            for (byte[] key : List.of(b("a"), k, longer, b("z"))) {
                batch.put(key, 1, b("1")).put(key, 2, b("2"));
            }
        });
        assertThat(engine.collectGarbage(k, longer, 10)).isEqualTo(1); // [k, k ++ 0x00) holds exactly k
        assertThat(engine.collectGarbage(longer, b("z"), 10)).isEqualTo(1);
        assertThat(versions()).containsExactly("a@2", "a@1", "t\u0000\u0005@2", "t\u0000\u0005\u0000@2", "z@2", "z@1");
        assertThat(engine.collectGarbage(b("b"), null, 10)).isEqualTo(1);
        assertThat(versions()).containsExactly("a@2", "a@1", "t\u0000\u0005@2", "t\u0000\u0005\u0000@2", "z@2");
    }

    @Test
    void boundedPassesResumeAtTheNextUserKey() {
        apply(batch -> {
            for (int key = 0; key < 20; key++) {
                for (int ts = 1; ts <= 3; ts++) {
                    batch.put(b(String.format("k%02d", key)), ts, b("v"));
                }
            }
        });
        byte[] from = null;
        long removed = 0;
        List<String> resumes = new ArrayList<>();
        do {
            GcPass pass = engine.collectGarbage(from, null, 2, 7);
            removed += pass.versionsRemoved();
            from = pass.resumeKey();
            if (from != null) {
                resumes.add(new String(from));
            }
        } while (from != null);
        assertThat(removed).isEqualTo(20);
        // 7 versions examined end inside the third key, which the pass finishes: 9 versions per pass.
        assertThat(resumes).containsExactly("k03", "k06", "k09", "k12", "k15", "k18");
        assertThat(versions()).hasSize(40).allMatch(v -> !v.endsWith("@1"));
    }

    @Test
    void aKeyWithMoreVersionsThanABatchIsCollectedInOnePassOfSeveralBatches() {
        int count = 3 * GarbageSweep.DELETE_BATCH_MAX + 17;
        for (int from = 1; from <= count; from += 1000) {
            int first = from;
            apply(batch -> {
                for (int ts = first; ts < first + 1000 && ts <= count; ts++) {
                    batch.put(b("hot"), ts, b("v" + ts));
                }
            });
        }
        apply(batch -> batch.put(b("next"), 1, b("a")).put(b("next"), 2, b("b")));

        GcPass pass = engine.collectGarbage(null, null, count - 1, 1);
        assertThat(pass.versionsRemoved()).isEqualTo(count - 2);
        assertThat(new String(pass.resumeKey())).isEqualTo("next");
        assertThat(versions()).containsExactly("hot@" + count, "hot@" + (count - 1), "next@2", "next@1");
        assertThat(engine.get(b("hot"), count - 1)).map(String::new).contains("v" + (count - 1));
    }

    @Test
    void readsAtOrAfterTheHorizonSeeWhatTheySawBefore() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            engine.deleteRange(b(""), null);
            TreeMap<String, TreeMap<Long, String>> model = writeRandomVersions(random);
            long horizon = random.nextInt(60);
            List<List<KeyValue>> before = scansFrom(horizon);
            engine.collectGarbage(null, null, horizon);
            List<List<KeyValue>> after = scansFrom(horizon);
            for (int i = 0; i < before.size(); i++) {
                assertThat(pairs(after.get(i))).as("seed %d horizon %d read at %d", seed, horizon, horizon + i)
                        .isEqualTo(pairs(before.get(i)));
            }
            assertThat(versions().size()).as("seed %d", seed).isEqualTo(survivors(model, horizon));
        }
    }

    private TreeMap<String, TreeMap<Long, String>> writeRandomVersions(Random random) {
        TreeMap<String, TreeMap<Long, String>> model = new TreeMap<>();
        apply(batch -> {
            for (int i = 0; i < 200; i++) {
                String key = "k" + random.nextInt(15);
                long ts = random.nextInt(60);
                String value = random.nextInt(4) == 0 ? null : "v" + i;
                if (value == null) {
                    batch.tombstone(b(key), ts);
                } else {
                    batch.put(b(key), ts, b(value));
                }
                model.computeIfAbsent(key, k -> new TreeMap<>()).put(ts, value);
            }
        });
        return model;
    }

    /** Versions the rule keeps, counted from the model: newer than the horizon, plus the newest at or below it if live. */
    private static long survivors(TreeMap<String, TreeMap<Long, String>> model, long horizon) {
        long n = 0;
        for (TreeMap<Long, String> versions : model.values()) {
            n += versions.tailMap(horizon, false).size();
            var visible = versions.floorEntry(horizon);
            if (visible != null && visible.getValue() != null) {
                n++;
            }
        }
        return n;
    }

    private List<List<KeyValue>> scansFrom(long horizon) {
        List<List<KeyValue>> out = new ArrayList<>();
        for (long ts = horizon; ts <= 61; ts++) {
            out.add(engine.scan(null, null, ts, 0));
        }
        return out;
    }

    private static List<String> pairs(List<KeyValue> kvs) {
        return kvs.stream().map(kv -> new String(kv.key()) + "=" + new String(kv.value())).toList();
    }

    @Test
    void writesRacingWithCollectionAreNeverLost() throws Exception {
        int keys = 50;
        apply(batch -> {
            for (int key = 0; key < keys; key++) {
                for (int ts = 1; ts <= 20; ts++) {
                    batch.put(b("k" + key), ts, b("old"));
                }
            }
        });
        AtomicBoolean stop = new AtomicBoolean();
        int[] written = {0};
        Thread writer = Thread.ofPlatform().start(() -> {
            for (long ts = 1000; !stop.get(); ts++) {
                long at = ts;
                apply(batch -> batch.put(b("k" + (at % keys)), at, b("new" + at)));
                written[0]++;
            }
        });
        try {
            for (int round = 0; round < 20; round++) {
                engine.collectGarbage(null, null, 10 + round % 10);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        long newVersions = versions().stream().filter(v -> Long.parseLong(v.substring(v.indexOf('@') + 1)) >= 1000).count();
        assertThat(newVersions).isEqualTo(written[0]);
    }

    @Test
    void aFullDiskFailsTheCollectionWithTheDiskFullState() {
        apply(batch -> batch.put(b("k"), 1, b("a")).put(b("k"), 2, b("b")));
        engine.injectFaults(StorageFaults.DISK_FULL);
        assertThatThrownBy(() -> engine.collectGarbage(null, null, 5)).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo("53100"));
        engine.injectFaults(StorageFaults.NONE);
        assertThat(engine.collectGarbage(null, null, 5)).isEqualTo(1);
    }

    @Test
    void badArgumentsAreTheCallersMistake() {
        assertThatThrownBy(() -> engine.collectGarbage(null, null, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.collectGarbage(null, null, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
