package io.tessera.storage.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageConfig;
import io.tessera.storage.api.StorageEngine;
import io.tessera.storage.api.StorageSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying a span between two engines through a snapshot's raw pairs. */
class StorageSnapshotTest {
    @TempDir Path dir;

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void rawPagesOfASnapshotRebuildEveryVersionOfTheSpanElsewhere() {
        try (StorageEngine source = StorageEngine.open(StorageConfig.small(dir.resolve("a")));
                StorageEngine target = StorageEngine.open(StorageConfig.small(dir.resolve("b")))) {
            try (StorageBatch batch = source.newBatch()) {
                batch.put(b("s/a"), 1, b("a1")).put(b("s/a"), 2, b("a2")).tombstone(b("s/b"), 3).put(b("s/c"), 4, b("c4"))
                        .put(b("t/x"), 1, b("outside")).putMeta(b("m/1"), b("one")).putMeta(b("n/1"), b("outside"));
                source.write(batch);
            }
            StorageSnapshot snapshot = source.snapshot();
            try (StorageBatch later = source.newBatch()) {
                source.write(later.put(b("s/a"), 9, b("after the snapshot")).putMeta(b("m/2"), b("after")));
            }

            List<KeyValue> pairs = new ArrayList<>();
            byte[] after = null;
            for (List<KeyValue> page; !(page = snapshot.scanRaw(b("s/"), b("s0"), after, 1)).isEmpty(); ) {
                assertThat(page).hasSize(1); // a byte limit below one pair still returns one pair
                pairs.addAll(page);
                after = page.get(page.size() - 1).key();
            }
            assertThat(pairs).hasSize(4);
            List<KeyValue> meta = snapshot.scanMetaRaw(b("m/"), b("m0"), null, 1 << 20);
            assertThat(snapshot.getMeta(b("m/2"))).isEmpty();
            snapshot.close();

            try (StorageBatch batch = target.newBatch()) {
                pairs.forEach(kv -> batch.putRaw(kv.key(), kv.value()));
                meta.forEach(kv -> batch.putMeta(kv.key(), kv.value()));
                target.write(batch);
            }
            assertThat(target.get(b("s/a"), 1)).contains(b("a1"));
            assertThat(target.get(b("s/a"), Long.MAX_VALUE)).contains(b("a2"));
            assertThat(target.get(b("s/b"), Long.MAX_VALUE)).isEmpty();
            assertThat(target.scan(null, null, Long.MAX_VALUE, 0)).extracting(kv -> new String(kv.key()))
                    .containsExactly("s/a", "s/c");
            assertThat(target.scanMeta(new byte[0], null, 0)).extracting(kv -> new String(kv.key())).containsExactly("m/1");
        }
    }
}
