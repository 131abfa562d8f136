package io.tessera.replication.impl;

import static io.tessera.replication.impl.TestNode.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.Peer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One fragment group with three peers on three hosts (one JVM, three loopback ports). */
class ThreePeerGroupTest {
    static final GroupKey GROUP = GroupKey.fragment(1);
    @TempDir Path dir;
    final List<TestNode> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(TestNode::close);
    }

    @Test
    void writesThroughAnyNodeReachEveryReplicaAndSurviveTheLeaderLeaving() {
        for (int i = 1; i <= 3; i++) {
            nodes.add(new TestNode(dir.resolve("n" + i), "n" + i, c -> c.withElectionTimeoutMin(300)));
        }
        List<Peer> peers = nodes.stream().map(n -> n.host.self()).toList();
        nodes.forEach(n -> n.host.createGroup(GROUP, peers));
        TestNode.await("a leader", 10_000, () -> nodes.get(0).host.leaderId(GROUP).isPresent());
        String leader = nodes.get(0).host.leaderId(GROUP).orElseThrow();
        TestNode follower = nodes.stream().filter(n -> !n.nodeId.equals(leader)).findFirst().orElseThrow();

        // A follower forwards to the leader; the reply comes after the leader applied it.
        assertThat(follower.write(1, 10, put("a", "1")).applied()).isTrue();
        for (TestNode n : nodes) {
            TestNode.await("replica " + n.nodeId + " applies", 10_000, () -> n.contents(1).contains("a=1"));
        }

        TestNode leaving = nodes.stream().filter(n -> n.nodeId.equals(leader)).findFirst().orElseThrow();
        leaving.close();
        nodes.remove(leaving);
        TestNode survivor = nodes.get(0);
        TestNode.await("a new leader", 15_000, () -> survivor.host.leaderId(GROUP).filter(id -> !id.equals(leader)).isPresent());
        assertThat(survivor.write(1, 20, put("b", "2")).applied()).isTrue();
        for (TestNode n : nodes) {
            TestNode.await("replica " + n.nodeId + " applies", 10_000, () -> n.contents(1).contains("b=2"));
        }

        leaving.open(); // rejoins on its old port and catches up from the leader's log
        nodes.add(leaving);
        TestNode.await("the returning replica catches up", 15_000, () -> leaving.contents(1).equals(List.of("a=1", "b=2")));
    }
}
