package io.tessera.replication.impl;

import static io.tessera.replication.impl.TestNode.b;
import static io.tessera.replication.impl.TestNode.delete;
import static io.tessera.replication.impl.TestNode.insert;
import static io.tessera.replication.impl.TestNode.put;
import static io.tessera.replication.impl.TestNode.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.replication.api.FragmentOp;
import io.tessera.replication.api.FragmentReply;
import io.tessera.replication.api.GroupKey;
import io.tessera.storage.api.StorageFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios on one shared node (distinct fragment ids); restarts live in {@link RaftHostRestartTest}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RaftHostTest {
    Path dir;
    TestNode node;

    @BeforeAll
    void open(@TempDir Path tempDir) {
        dir = tempDir;
        node = new TestNode(dir);
    }

    @AfterEach
    void clearFaults() {
        node.storage.injectFaults(StorageFaults.NONE);
    }

    @AfterAll
    void close() {
        node.close();
    }

    @Test
    void putIfAbsentOnALiveKeyRejectsTheWholeCommand() {
        node.host.createGroup(GroupKey.fragment(2), List.of(node.host.self()));
        node.write(2, 10, put("b", "old"));

        FragmentReply reply = node.write(2, 20, insert("a", "1"), insert("b", "2"), put("c", "3"));

        assertThat(reply.applied()).isFalse();
        assertThat(s(reply.conflictKey())).isEqualTo("b");
        assertThat(node.contents(2)).containsExactly("b=old");
    }

    @Test
    void putIfAbsentSeesEarlierOperationsOfTheSameCommand() {
        node.host.createGroup(GroupKey.fragment(3), List.of(node.host.self()));
        node.write(3, 10, put("gone", "x"));

        assertThat(node.write(3, 20, insert("a", "1"), insert("a", "2")).conflictKey()).isEqualTo(b("a"));
        assertThat(node.write(3, 30, delete("gone"), insert("gone", "back")).applied()).isTrue();
        assertThat(node.write(3, 40, new FragmentOp.DeleteRange(b("a"), null), insert("gone", "again")).applied()).isTrue();
        assertThat(node.contents(3)).containsExactly("gone=again");
    }

    @Test
    void deleteRangeRemovesOnlyItsSpanOfItsFragment() {
        node.host.createGroup(GroupKey.fragment(4), List.of(node.host.self()));
        node.host.createGroup(GroupKey.fragment(5), List.of(node.host.self()));
        node.write(4, 1, put("a", "1"), put("b", "1"), put("c", "1"), put("d", "1"));
        node.write(5, 1, put("b", "other fragment"));

        node.write(4, 2, new FragmentOp.DeleteRange(b("b"), b("d")));

        assertThat(node.contents(4)).containsExactly("a=1", "d=1");
        assertThat(node.contents(5)).containsExactly("b=other fragment");
    }

    @Test
    void laterLogEntriesGetLaterVersionsEvenWithAnOlderTimestamp() {
        node.host.createGroup(GroupKey.fragment(6), List.of(node.host.self()));
        long first = node.write(6, 1000, put("k", "first")).commitTimestamp();
        long second = node.write(6, 5, put("k", "second")).commitTimestamp();
        assertThat(second).isGreaterThan(first);
        assertThat(node.contents(6)).containsExactly("k=second");
    }

    @Test
    void manualSnapshotReturnsTheAppliedIndex() {
        GroupKey group = GroupKey.fragment(8);
        node.host.createGroup(group, List.of(node.host.self()));
        for (int i = 0; i < 5; i++) {
            node.write(8, i + 1, put("k" + i, "v"));
        }
        assertThat(node.host.snapshot(group)).isGreaterThanOrEqualTo(5);
        assertThat(snapshotMarkers(group)).isNotEmpty();
    }

    @Test
    void removingAGroupDeletesItsLogAndData() {
        GroupKey group = GroupKey.fragment(9);
        node.host.createGroup(group, List.of(node.host.self()));
        node.write(9, 1, put("a", "1"));

        node.host.removeGroup(group);

        assertThat(node.host.hasGroup(group)).isFalse();
        assertThat(node.contents(9)).isEmpty();
        assertThat(Files.exists(dir.resolve("raft").resolve(group.uuid().toString()))).isFalse();
        assertThatThrownBy(() -> node.write(9, 2, put("a", "2")))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("08006"));
    }

    @Test
    void aFullDiskRefusesTheProposalWith53100() {
        node.host.createGroup(GroupKey.fragment(10), List.of(node.host.self()));
        node.storage.injectFaults(StorageFaults.DISK_FULL);

        assertThatThrownBy(() -> node.write(10, 1, put("a", "1")))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("53100"));

        node.storage.injectFaults(StorageFaults.NONE);
        node.write(10, 2, put("b", "2"));
        assertThat(node.contents(10)).containsExactly("b=2");
    }

    private List<Path> snapshotMarkers(GroupKey group) {
        Path sm = dir.resolve("raft").resolve(group.uuid().toString()).resolve("sm");
        try (Stream<Path> files = Files.list(sm)) {
            return files.filter(p -> p.getFileName().toString().startsWith("snapshot.")
                    && !p.getFileName().toString().endsWith(".md5")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
