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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios that restart or close their node. */
class StorageNodeRestartTest {
    @TempDir Path dir;
    StorageNodeConfig config;
    StorageNode node;

    @BeforeEach
    void open() {
        config = StorageNodeTest.config(dir);
        node = StorageNode.open(config, Clock.system());
    }

    @AfterEach
    void close() {
        node.close();
    }

    void restart() {
        node.close();
        node = StorageNode.open(config, Clock.system());
    }

    TableDescriptor table(String name, int fragments) {
        return node.catalog().createTable(new TableSpec(name, List.of(
                new ColumnDescriptor(0, "id", SqlType.INT8, true, null, false),
                new ColumnDescriptor(0, "v", SqlType.TEXT, false, null, false)), List.of(0), fragments));
    }

    /** Inserts rows 0..n-1 with one write per fragment, as a multi-row INSERT would. */
    void insertRows(TableDescriptor t, int n, String prefix) {
        Map<Long, List<Mutation>> byFragment = new HashMap<>();
        for (long id = 0; id < n; id++) {
            byte[] k = StorageNodeTest.key(t, id);
            byFragment.computeIfAbsent(FragmentRouter.owner(t, k).id(), f -> new ArrayList<>())
                    .add(new Mutation.PutIfAbsent(k, StorageNodeTest.b(prefix + id)));
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
    void everythingWrittenIsThereAfterRestartAndNothingElse() {
        TableDescriptor t = table("durable", 3);
        insertRows(t, 300, "d");
        long fragment = FragmentRouter.owner(t, StorageNodeTest.key(t, 7)).id();
        node.kv().write(fragment, List.of(new Mutation.Delete(StorageNodeTest.key(t, 7))));
        node.catalog().createSequence("durable_id_seq");
        long lastValue = node.catalog().nextval("durable_id_seq");

        restart();

        Map<Long, String> rows = readAll(t);
        assertThat(rows).hasSize(299).doesNotContainKey(7L).containsEntry(299L, "d299");
        assertThat(node.catalog().table("durable")).isPresent();
        assertThat(node.catalog().nextval("durable_id_seq")).isGreaterThan(lastValue);
        for (FragmentDescriptor f : t.fragments()) {
            assertThat(node.raftHost().hasGroup(GroupKey.fragment(f.id()))).isTrue();
        }
    }

    @Test
    void writesBeyondTheSnapshotThresholdPurgeTheLogAndSurviveRestart() {
        TableDescriptor t = table("logged", 1);
        long fragment = t.fragments().get(0).id();
        for (long id = 0; id < 150; id++) {
            node.kv().write(fragment, List.of(new Mutation.Put(StorageNodeTest.key(t, id), StorageNodeTest.b("x".repeat(200)))));
        }
        GroupKey group = GroupKey.fragment(fragment);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (node.raftHost().firstLogIndex(group) == 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // poll the purge, not a fixed wait
        }
        assertThat(node.raftHost().firstLogIndex(group)).isPositive();

        restart();

        assertThat(readAll(t)).hasSize(150);
    }

    @Test
    void aClosedNodeAnswers57P01() {
        TableDescriptor t = table("closing", 1);
        long fragment = t.fragments().get(0).id();
        node.close();
        assertThatThrownBy(() -> node.kv().write(fragment, List.of(new Mutation.Put(StorageNodeTest.key(t, 1), StorageNodeTest.b("x")))))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("57P01"));
        node = StorageNode.open(config, Clock.system());
    }
}
