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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios that restart or close their own node. */
class RaftHostRestartTest {
    @TempDir Path dir;
    TestNode node;

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void acknowledgedWritesSurviveRestartAndNothingElseAppears() {
        node = new TestNode(dir);
        node.host.createGroup(GroupKey.fragment(1), List.of(node.host.self()));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            node.write(1, 100 + i, put("k" + (100 + i), "v" + i), put("j" + (100 + i), "w" + i));
            expected.add("j" + (100 + i) + "=w" + i);
            expected.add("k" + (100 + i) + "=v" + i);
        }
        node.write(1, 200, delete("k100"));
        expected.remove("k100=v0");
        expected.sort(String::compareTo);

        node.restart();

        assertThat(node.host.groups()).containsExactly(GroupKey.fragment(1));
        assertThat(node.contents(1)).containsExactlyElementsOf(expected);
        // Replay after the restart did not apply anything twice: the next write still works normally.
        assertThat(node.write(1, 1, put("after", "restart")).applied()).isTrue();
    }

    @Test
    void snapshotsPurgeTheLogAndARestartStillHasEverything() {
        node = new TestNode(dir, c -> c.withSnapshotThreshold(40, 16 << 10, 1));
        GroupKey group = GroupKey.fragment(7);
        node.host.createGroup(group, List.of(node.host.self()));
        String value = "x".repeat(300);
        for (int i = 0; i < 400; i++) {
            node.write(7, i + 1, put(String.format("k%04d", i), value));
        }
        TestNode.await("log purge", 10_000, () -> node.host.firstLogIndex(group) > 0);
        long firstBefore = node.host.firstLogIndex(group);

        node.restart();

        assertThat(node.host.firstLogIndex(group)).isGreaterThanOrEqualTo(firstBefore);
        List<String> contents = node.contents(7);
        assertThat(contents).hasSize(400);
        assertThat(contents.get(0)).isEqualTo("k0000=" + value);
        assertThat(contents.get(399)).isEqualTo("k0399=" + value);
        assertThat(snapshotMarkers(group)).isNotEmpty();
    }

    @Test
    void manyGroupsOnOneHostAllReopenAfterRestart() {
        node = new TestNode(dir);
        int groups = 12;
        for (int f = 100; f < 100 + groups; f++) {
            node.host.createGroup(GroupKey.fragment(f), List.of(node.host.self()));
            node.write(f, 1, put("key", "fragment " + f));
        }
        node.host.createGroup(GroupKey.META, List.of(node.host.self()));

        node.restart();

        assertThat(node.host.groups()).hasSize(groups + 1).contains(GroupKey.META);
        for (int f = 100; f < 100 + groups; f++) {
            assertThat(node.contents(f)).containsExactly("key=fragment " + f);
            assertThat(node.write(f, 2, put("second", "write")).applied()).isTrue();
        }
    }

    @Test
    void aWriteFailingAfterCommitStallsTheGroupAndIsAppliedWhenSpaceReturns() {
        node = new TestNode(dir);
        node.host.createGroup(GroupKey.fragment(11), List.of(node.host.self()));
        node.storage.injectFaults(new StorageFaults(true, false));

        assertThatThrownBy(() -> node.write(11, 1, put("a", "1")))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("53100");
                    assertThat(e.detail()).contains("committed in the Raft log");
                });
        assertThatThrownBy(() -> node.write(11, 2, put("b", "2"))).isInstanceOf(SqlException.class);

        node.storage.injectFaults(StorageFaults.NONE);
        node.write(11, 3, put("c", "3"));
        assertThat(node.contents(11)).containsExactly("a=1", "b=2", "c=3");

        node.restart();
        assertThat(node.contents(11)).containsExactly("a=1", "b=2", "c=3");
    }

    @Test
    void aRejectedCommandStillAdvancesTheLogAndIsNotReappliedAfterRestart() {
        node = new TestNode(dir);
        node.host.createGroup(GroupKey.META, List.of(node.host.self()));
        assertThat(CounterStateMachine.decode(node.host.call(GroupKey.META, CounterStateMachine.add(5)))).isEqualTo(5);
        assertThatThrownBy(() -> node.host.call(GroupKey.META, CounterStateMachine.add(-1)))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("22023"));
        assertThat(CounterStateMachine.decode(node.host.call(GroupKey.META, CounterStateMachine.add(2)))).isEqualTo(7);

        node.restart();

        assertThat(CounterStateMachine.decode(node.host.query(GroupKey.META, new byte[0]).join())).isEqualTo(7);
        assertThat(CounterStateMachine.decode(node.host.call(GroupKey.META, CounterStateMachine.add(1)))).isEqualTo(8);
    }

    @Test
    void aClosedHostAnswers57P01() {
        node = new TestNode(dir);
        node.host.createGroup(GroupKey.fragment(12), List.of(node.host.self()));
        node.host.close();
        assertThatThrownBy(() -> node.write(12, 1, put("a", "1")))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("57P01"));
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
