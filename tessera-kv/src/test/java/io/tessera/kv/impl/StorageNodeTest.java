package io.tessera.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.error.SqlException;
import io.tessera.common.time.Clock;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.kv.api.FragmentRouter;
import io.tessera.kv.api.KvPair;
import io.tessera.kv.api.Mutation;
import io.tessera.kv.api.StorageNode;
import io.tessera.kv.api.StorageNodeConfig;
import io.tessera.kv.api.StorageNodeConfig.StorageTuning;
import io.tessera.replication.api.GroupKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios on one shared node (each with its own table); restarts live in {@link StorageNodeRestartTest}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageNodeTest {
    StorageNodeConfig config;
    StorageNode node;

    static StorageNodeConfig config(Path dir) {
        return new StorageNodeConfig(dir.resolve("data"), "127.0.0.1:0", new StorageTuning(50, 16 << 10, 1, 200, true));
    }

    @BeforeAll
    void open(@TempDir Path dir) {
        config = config(dir);
        node = StorageNode.open(config, Clock.system());
    }

    @AfterAll
    void close() {
        node.close();
    }

    TableDescriptor table(String name, int fragments) {
        return node.catalog().createTable(new TableSpec(name, List.of(
                new ColumnDescriptor(0, "id", SqlType.INT8, true, null, false),
                new ColumnDescriptor(0, "v", SqlType.TEXT, false, null, false)), List.of(0), fragments));
    }

    static byte[] key(TableDescriptor t, long id) {
        return KeySpace.tableKey(t.id(), KeyCodec.encode(List.of(id), List.of(TypeKind.INT8)));
    }

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** Inserts rows 0..n-1 with one write per fragment, as a multi-row INSERT would. */
    void insertRows(TableDescriptor t, int n, String prefix) {
        Map<Long, List<Mutation>> byFragment = new HashMap<>();
        for (long id = 0; id < n; id++) {
            byte[] k = key(t, id);
            byFragment.computeIfAbsent(FragmentRouter.owner(t, k).id(), f -> new ArrayList<>())
                    .add(new Mutation.PutIfAbsent(k, b(prefix + id)));
        }
        byFragment.forEach((fragment, mutations) -> node.kv().write(fragment, mutations));
    }

    Map<Long, String> readAll(TableDescriptor t) {
        Map<Long, String> rows = new TreeMap<>();
        byte[] start = KeySpace.tablePrefix(t.id());
        byte[] end = KeyCodec.prefixEnd(start);
        for (FragmentDescriptor f : FragmentRouter.overlapping(t, start, end)) {
            for (KvPair kv : node.kv().scan(f.id(), start, end, 0)) {
                long id = (Long) KeyCodec.decode(kv.key(), KeySpace.TABLE_KEY_HEADER, List.of(TypeKind.INT8)).get(0);
                assertThat(rows.put(id, new String(kv.value(), StandardCharsets.UTF_8))).as("row %d twice", id).isNull();
            }
        }
        return rows;
    }

    @Test
    void rowsWrittenPerFragmentAreReadBackByKeyAndByScan() {
        TableDescriptor t = table("items", 4);
        insertRows(t, 200, "v");

        Map<Long, String> rows = readAll(t);
        assertThat(rows).hasSize(200).containsEntry(0L, "v0").containsEntry(199L, "v199");
        byte[] k = key(t, 42);
        assertThat(node.kv().get(FragmentRouter.owner(t, k).id(), k)).map(String::new).contains("v42");
        for (FragmentDescriptor f : t.fragments()) {
            assertThat(node.kv().scan(f.id(), KeySpace.tablePrefix(t.id()), null, 0)).isNotEmpty();
        }
    }

    @Test
    void scansPageInKeyOrderFromTheLastKey() {
        TableDescriptor t = table("paged", 1);
        insertRows(t, 95, "p");
        long fragment = t.fragments().get(0).id();
        byte[] end = KeyCodec.prefixEnd(KeySpace.tablePrefix(t.id()));
        List<KvPair> all = new ArrayList<>();
        byte[] from = KeySpace.tablePrefix(t.id());
        while (true) {
            List<KvPair> page = node.kv().scan(fragment, from, end, 10);
            all.addAll(page);
            if (page.size() < 10) {
                break;
            }
            byte[] last = page.get(page.size() - 1).key();
            from = java.util.Arrays.copyOf(last, last.length + 1); // the next key after last
        }
        assertThat(all).hasSize(95);
        assertThat(all.get(0).key()).isEqualTo(key(t, 0));
        assertThat(all.get(94).key()).isEqualTo(key(t, 94));
    }

    @Test
    void insertingAnExistingKeyIs23505AndWritesNothingOfTheBatch() {
        TableDescriptor t = table("uniq", 1);
        long fragment = t.fragments().get(0).id();
        node.kv().write(fragment, List.of(new Mutation.PutIfAbsent(key(t, 5), b("five"))));

        assertThatThrownBy(() -> node.kv().write(fragment, List.of(
                new Mutation.PutIfAbsent(key(t, 6), b("six")), new Mutation.PutIfAbsent(key(t, 5), b("again")))))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("23505");
                    assertThat(e.getMessage()).isEqualTo("duplicate key value violates unique constraint \"uniq_pkey\"");
                    assertThat(e.detail()).isEqualTo("Key (id)=(5) already exists.");
                });
        assertThat(readAll(t)).containsExactly(Map.entry(5L, "five"));

        node.kv().write(fragment, List.of(new Mutation.Delete(key(t, 5))));
        node.kv().write(fragment, List.of(new Mutation.PutIfAbsent(key(t, 5), b("reborn"))));
        assertThat(readAll(t)).containsExactly(Map.entry(5L, "reborn"));
    }

    @Test
    void deleteRangeTruncatesTheTable() {
        TableDescriptor t = table("trunc", 2);
        insertRows(t, 50, "x");
        byte[] start = KeySpace.tablePrefix(t.id());
        for (FragmentDescriptor f : t.fragments()) {
            node.kv().write(f.id(), List.of(new Mutation.DeleteRange(start, KeyCodec.prefixEnd(start))));
        }
        assertThat(readAll(t)).isEmpty();
        insertRows(t, 3, "y");
        assertThat(readAll(t)).hasSize(3);
    }

    @Test
    void aSecondNodeOnTheSameDirectoryGetsAClearError() {
        assertThatThrownBy(() -> StorageNode.open(config, Clock.system()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("data directory " + config.dataDir() + " is in use by another Tessera node (pid "
                        + ProcessHandle.current().pid() + ")");
        // The failed attempt left the running node intact.
        TableDescriptor t = table("still", 1);
        insertRows(t, 1, "ok");
        assertThat(readAll(t)).hasSize(1);
    }

    @Test
    void keysSentToTheWrongFragmentAreRefused() {
        TableDescriptor t = table("misrouted", 2);
        byte[] k = key(t, 1);
        long owner = FragmentRouter.owner(t, k).id();
        long other = t.fragments().stream().mapToLong(FragmentDescriptor::id).filter(id -> id != owner).findFirst().orElseThrow();
        assertThatThrownBy(() -> node.kv().write(other, List.of(new Mutation.Put(k, b("x")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.kv().write(987_654, List.of(new Mutation.Put(k, b("x")))))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("42P01"));
    }

    @Test
    void oversizedWritesAre54000() {
        TableDescriptor t = table("big", 1);
        long fragment = t.fragments().get(0).id();
        List<Mutation> huge = List.of(new Mutation.Put(key(t, 1), new byte[2 << 20]));
        assertThatThrownBy(() -> node.kv().write(fragment, huge)).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("54000"));
    }

}
