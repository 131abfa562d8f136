package io.tessera.replication.impl;

import static io.tessera.replication.impl.TestNode.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.replication.api.FragmentCommand;
import io.tessera.replication.api.FragmentKeys;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.Membership;
import io.tessera.replication.api.Peer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member added after the leader purged its log catches up by installing a snapshot fetched over node RPC. */
class SnapshotInstallTest {
    static final GroupKey GROUP = GroupKey.fragment(11);
    @TempDir Path dir;
    final List<TestNode> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(TestNode::close);
    }

    @Test
    void aMemberAddedAfterThePurgeInstallsTheLeadersStateAndKeepsItAcrossARestart() {
        for (int i = 1; i <= 4; i++) {
            nodes.add(new TestNode(dir.resolve("n" + i), "n" + i,
                    c -> c.withElectionTimeoutMin(300).withSnapshotThreshold(16, 16 << 10, 1)));
        }
        List<Peer> three = nodes.subList(0, 3).stream().map(n -> n.host.self()).toList();
        for (Peer p : three) {
            nodes.get(0).host.createGroupOn(p, GROUP, Membership.of(three));
        }
        TestNode first = nodes.get(0);
        write(first, three, 5, "hist", "old");
        String value = "v".repeat(400);
        for (int i = 0; i < 200; i++) {
            write(first, three, 10 + i, "k" + (i % 50), value + i);
        }
        write(first, three, 1000, "hist", "new");
        TestNode.await("the leader purges its log", 30_000, () -> nodes.subList(0, 3).stream()
                .allMatch(n -> n.host.firstLogIndex(GROUP) > 1));

        TestNode added = nodes.get(3);
        List<Peer> four = nodes.stream().map(n -> n.host.self()).toList();
        first.host.createGroupOn(added.host.self(), GROUP, Membership.of(four));
        first.host.setMembership(GROUP, three, Membership.of(four));
        List<String> expected = first.contents(11);
        assertThat(expected).hasSize(51);
        TestNode.await("the new member installs the snapshot", 30_000, () -> added.contents(11).equals(expected));
        // Every version came over, not just the newest.
        assertThat(added.storage.get(FragmentKeys.storageKey(11, TestNode.b("hist")), 5)).contains(TestNode.b("old"));

        write(added, four, 2000, "after", "install");
        TestNode.await("the new member applies the log after the snapshot", 20_000,
                () -> added.contents(11).contains("after=install"));

        added.restart();
        assertThat(added.contents(11)).contains("after=install", "hist=new");
        write(first, four, 3000, "after", "restart");
        TestNode.await("the restarted member keeps applying", 20_000,
                () -> added.contents(11).contains("after=restart"));
        assertThat(added.contents(11)).hasSize(52);
    }

    @Test
    void anInstalledMetadataReplicaReloadsItsInMemoryStateAndCanLead() {
        for (int i = 1; i <= 4; i++) {
            nodes.add(new TestNode(dir.resolve("n" + i), "n" + i,
                    c -> c.withElectionTimeoutMin(300).withSnapshotThreshold(16, 16 << 10, 1)));
        }
        List<Peer> three = nodes.subList(0, 3).stream().map(n -> n.host.self()).toList();
        for (Peer p : three) {
            nodes.get(0).host.createGroupOn(p, GroupKey.META, Membership.of(three));
        }
        TestNode first = nodes.get(0);
        for (int i = 0; i < 300; i++) {
            first.host.submit(GroupKey.META, three, CounterStateMachine.add(1)).join();
        }
        TestNode.await("the log is purged", 30_000, () -> nodes.subList(0, 3).stream()
                .allMatch(n -> n.host.firstLogIndex(GroupKey.META) > 1));

        TestNode added = nodes.get(3);
        List<Peer> four = nodes.stream().map(n -> n.host.self()).toList();
        first.host.createGroupOn(added.host.self(), GroupKey.META, Membership.of(four));
        first.host.setMembership(GroupKey.META, three, Membership.of(four));
        TestNode.await("the counter arrives", 30_000, () -> added.storage.getMeta(CounterStateMachine.KEY)
                .map(CounterStateMachine::decode).filter(v -> v == 300).isPresent());

        // Led by the new member, the next increment starts from the installed value it reloaded.
        first.host.transferLeadership(GroupKey.META, four, "n4");
        TestNode.await("n4 leads", 20_000, () -> added.host.leaderId(GroupKey.META).filter("n4"::equals).isPresent());
        assertThat(CounterStateMachine.decode(added.host.call(GroupKey.META, CounterStateMachine.add(1)))).isEqualTo(301);
    }

    private static void write(TestNode via, List<Peer> peers, long ts, String k, String v) {
        via.host.submit(GROUP, peers, new FragmentCommand(ts, List.of(put(k, v))).encode()).join();
    }
}
