package io.tessera.storage.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageConfig;
import io.tessera.storage.api.StorageEngine;
import io.tessera.storage.api.StorageFaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvccStorageTest {
    @TempDir Path dir;
    StorageEngine engine;

    @BeforeEach
    void open() { engine = StorageEngine.open(StorageConfig.small(dir.resolve("db"))); }

    @AfterEach
    void close() { engine.close(); }

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String s(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    private void apply(java.util.function.Consumer<StorageBatch> ops) {
        try (StorageBatch batch = engine.newBatch()) {
            ops.accept(batch);
            engine.write(batch);
        }
    }

    @Test
    void pointReadSeesNewestVersionAtOrBelowReadTimestamp() {
        apply(batch -> batch.put(b("k"), 10, b("a")));
        apply(batch -> batch.tombstone(b("k"), 20));
        apply(batch -> batch.put(b("k"), 30, b("b")));

        assertThat(engine.get(b("k"), 5)).isEmpty();
        assertThat(engine.get(b("k"), 10)).map(MvccStorageTest::s).contains("a");
        assertThat(engine.get(b("k"), 15)).map(MvccStorageTest::s).contains("a");
        assertThat(engine.get(b("k"), 25)).isEmpty();
        assertThat(engine.get(b("k"), Long.MAX_VALUE)).map(MvccStorageTest::s).contains("b");
        assertThat(engine.get(b("other"), Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void scanReturnsNewestLiveVersionPerKeyInKeyOrder() {
        apply(batch -> batch.put(b("a"), 1, b("a1")).put(b("b"), 1, b("b1")).put(b("c"), 1, b("c1")));
        apply(batch -> batch.put(b("a"), 2, b("a2")).tombstone(b("b"), 2).put(b("d"), 3, b("d3")));

        assertThat(pairs(engine.scan(b("a"), b("z"), Long.MAX_VALUE, 0)))
                .containsExactly("a=a2", "c=c1", "d=d3");
        assertThat(pairs(engine.scan(b("a"), b("z"), 1, 0))).containsExactly("a=a1", "b=b1", "c=c1");
        assertThat(pairs(engine.scan(b("b"), b("d"), Long.MAX_VALUE, 0))).containsExactly("c=c1");
        assertThat(pairs(engine.scan(b("a"), null, Long.MAX_VALUE, 2))).containsExactly("a=a2", "c=c1");
    }

    @Test
    void scanSkipsManyOldVersionsOfOneKey() {
        for (int ts = 1; ts <= 50; ts++) {
            int v = ts;
            apply(batch -> batch.put(b("hot"), v, b("v" + v)).put(b("cold" + v % 3), v, b("c" + v)));
        }
        assertThat(pairs(engine.scan(b(""), null, Long.MAX_VALUE, 0)))
                .containsExactly("cold0=c48", "cold1=c49", "cold2=c50", "hot=v50");
        assertThat(pairs(engine.scan(b("hot"), null, 17, 0))).containsExactly("hot=v17");
    }

    @Test
    void keysThatArePrefixesOfOtherKeysAndBoundsStayInOrder() {
        byte[] k = {'t', 0, 5};
        byte[] longer = {'t', 0, 5, 0};
        byte[] longest = {'t', 0, 5, 0, 0, 1};
        apply(batch -> batch.put(k, 7, b("k")).put(longer, 3, b("longer")).put(longest, 9, b("longest")));

        // [k, k ++ 0x00) holds exactly k: the inclusive upper bound "key <= k" as callers write it.
        assertThat(pairs(engine.scan(k, longer, Long.MAX_VALUE, 0))).containsExactly("t\u0000\u0005=k");
        assertThat(engine.scan(k, null, Long.MAX_VALUE, 0)).extracting(kv -> s(kv.value()))
                .containsExactly("k", "longer", "longest");
        assertThat(engine.scan(longer, null, Long.MAX_VALUE, 0)).extracting(kv -> kv.key())
                .containsExactly(longer, longest);
    }

    @Test
    void deleteRangeRemovesEveryVersionInTheSpanOnly() {
        apply(batch -> batch.put(b("a"), 1, b("1")).put(b("b"), 1, b("1")).put(b("b"), 2, b("2"))
                .put(b("c"), 1, b("1")));
        apply(batch -> batch.deleteRange(b("b"), b("c")));
        assertThat(pairs(engine.scan(null, null, Long.MAX_VALUE, 0))).containsExactly("a=1", "c=1");
        assertThat(engine.get(b("b"), 1)).isEmpty();

        engine.deleteRange(b("a"), null);
        assertThat(engine.scan(null, null, Long.MAX_VALUE, 0)).isEmpty();
    }

    @Test
    void operationsInOneBatchApplyInOrder() {
        apply(batch -> batch.put(b("x"), 5, b("early")).deleteRange(b("x"), b("y")).put(b("y"), 5, b("late")));
        assertThat(pairs(engine.scan(null, null, Long.MAX_VALUE, 0))).containsExactly("y=late");
    }

    @Test
    void metaKeysAreUnversionedAndIndependentOfData() {
        apply(batch -> batch.putMeta(b("applied/1"), b("10")).putMeta(b("applied/2"), b("20")).put(b("applied/1"), 1, b("data")));
        assertThat(engine.getMeta(b("applied/1"))).map(MvccStorageTest::s).contains("10");
        apply(batch -> batch.deleteMeta(b("applied/1")));
        assertThat(engine.getMeta(b("applied/1"))).isEmpty();
        assertThat(engine.scanMeta(b("applied/"), b("applied0"), 0)).extracting(kv -> s(kv.key()))
                .containsExactly("applied/2");
        assertThat(engine.get(b("applied/1"), Long.MAX_VALUE)).isPresent();
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        apply(batch -> batch.put(b("k"), 1, b("v")).putMeta(b("m"), b("1")));
        engine.close();
        engine = StorageEngine.open(StorageConfig.small(dir.resolve("db")));
        assertThat(engine.get(b("k"), Long.MAX_VALUE)).map(MvccStorageTest::s).contains("v");
        assertThat(engine.getMeta(b("m"))).isPresent();
    }

    @Test
    void checkpointIsAnOpenableCopy() {
        apply(batch -> batch.put(b("k"), 1, b("v")));
        Path copy = dir.resolve("checkpoint");
        engine.checkpoint(copy);
        apply(batch -> batch.put(b("k"), 2, b("after")));
        try (StorageEngine restored = StorageEngine.open(StorageConfig.small(copy))) {
            assertThat(restored.get(b("k"), Long.MAX_VALUE)).map(MvccStorageTest::s).contains("v");
        }
        assertThat(Files.exists(copy.resolve("CURRENT"))).isTrue();
    }

    @Test
    void approximateSizeGrowsWithData() {
        long before = engine.approximateSize(b("a"), b("b"));
        apply(batch -> {
            for (int i = 0; i < 2000; i++) {
                batch.put(b("a" + i), 1, new byte[100]);
            }
        });
        engine.flush();
        assertThat(engine.approximateSize(b("a"), b("b"))).isGreaterThan(before + 10_000);
        assertThat(engine.approximateSize(b("x"), b("y"))).isLessThan(1000);
    }

    @Test
    void fullDiskIsSqlState53100AndNothingIsWritten() {
        engine.injectFaults(StorageFaults.DISK_FULL);
        assertThatThrownBy(engine::checkWritable).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("53100"));
        assertThatThrownBy(() -> apply(batch -> batch.put(b("k"), 1, b("v"))))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("53100"));
        engine.injectFaults(StorageFaults.NONE);
        engine.checkWritable();
        assertThat(engine.get(b("k"), Long.MAX_VALUE)).isEmpty();
        apply(batch -> batch.put(b("k"), 1, b("v")));
        assertThat(engine.get(b("k"), Long.MAX_VALUE)).isPresent();
    }

    @Test
    void reservedKeysAndNegativeTimestampsAreRejected() {
        try (StorageBatch batch = engine.newBatch()) {
            assertThatThrownBy(() -> batch.put(new byte[] {(byte) 0xFF}, 1, b("v")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batch.put(b("k"), -1, b("v"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static List<String> pairs(List<KeyValue> kvs) {
        return kvs.stream().map(kv -> s(kv.key()) + "=" + s(kv.value())).toList();
    }
}
