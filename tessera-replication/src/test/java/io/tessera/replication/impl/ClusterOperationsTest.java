package io.tessera.replication.impl;

import static io.tessera.replication.impl.TestNode.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.replication.api.FragmentCommand;
import io.tessera.replication.api.FragmentReply;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.Membership;
import io.tessera.replication.api.Peer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster operations of the host across four in-process nodes (loopback ports). */
class ClusterOperationsTest {
    static final GroupKey GROUP = GroupKey.fragment(7);
    @TempDir Path dir;
    final List<TestNode> nodes = new ArrayList<>();

    @BeforeEach
    void open() {
        for (int i = 1; i <= 4; i++) {
            nodes.add(new TestNode(dir.resolve("n" + i), "n" + i, c -> c.withElectionTimeoutMin(300)));
        }
    }

    @AfterEach
    void close() {
        nodes.forEach(TestNode::close);
    }

    TestNode node(int i) { return nodes.get(i - 1); }

    Peer peer(int i) { return node(i).host.self(); }

    List<Peer> peers(int... ids) {
        List<Peer> out = new ArrayList<>();
        for (int i : ids) {
            out.add(peer(i));
        }
        return out;
    }

    /** Creates the group on nodes 1-3 from node 4, which does not host it, preferring node 2 as leader. */
    Membership createOnThree() {
        Membership m = new Membership(peers(1, 2, 3), List.of(), "n2");
        for (int i = 1; i <= 3; i++) {
            node(4).host.createGroupOn(peer(i), GROUP, m);
        }
        node(4).host.createGroupOn(peer(1), GROUP, m); // idempotent
        return m;
    }

    FragmentReply remoteWrite(TestNode via, List<Peer> peers, long ts, String k, String v) {
        byte[] reply = via.host.submit(GROUP, peers, new FragmentCommand(ts, List.of(put(k, v))).encode()).join();
        return FragmentReply.decode(reply);
    }

    @Test
    void aNodeWithoutTheGroupSubmitsAndQueriesAndThePreferredLeaderLeads() {
        createOnThree();
        TestNode.await("the preferred leader leads", 20_000,
                () -> node(1).host.leaderId(GROUP).filter("n2"::equals).isPresent());

        assertThat(node(4).host.hasGroup(GROUP)).isFalse();
        assertThat(remoteWrite(node(4), peers(1, 2, 3), 10, "a", "1").applied()).isTrue();
        byte[] lastTs = node(4).host.query(GROUP, peers(1, 2, 3), new byte[0]).join();
        assertThat(lastTs).hasSize(8);
        for (int i = 1; i <= 3; i++) {
            TestNode n = node(i);
            TestNode.await("replica " + n.nodeId + " applies", 10_000, () -> n.contents(7).contains("a=1"));
        }

        node(4).host.transferLeadership(GROUP, peers(1, 2, 3), "n3");
        TestNode.await("n3 leads", 20_000, () -> node(1).host.leaderId(GROUP).filter("n3"::equals).isPresent());
        assertThat(remoteWrite(node(4), peers(1, 2, 3), 20, "b", "2").applied()).isTrue();
    }

    @Test
    void membershipGrowsToFourAndShrinksToThreeAndTheRemovedReplicaLosesItsData() {
        Membership three = createOnThree();
        assertThat(remoteWrite(node(4), peers(1, 2, 3), 10, "a", "1").applied()).isTrue();

        Membership four = new Membership(peers(1, 2, 3, 4), List.of(), "n2");
        node(1).host.createGroupOn(peer(4), GROUP, four);
        node(1).host.setMembership(GROUP, three.voters(), four);
        TestNode.await("the new member catches up", 20_000, () -> node(4).contents(7).contains("a=1"));
        assertThat(node(4).host.status(GROUP).peers()).containsExactly("n1", "n2", "n3", "n4");

        Membership withoutOne = new Membership(peers(2, 3, 4), List.of(), "n2");
        node(4).host.setMembership(GROUP, four.voters(), withoutOne);
        node(4).host.removeGroupOn(peer(1), GROUP);
        node(4).host.removeGroupOn(peer(1), GROUP); // absent: nothing happens
        assertThat(node(1).host.hasGroup(GROUP)).isFalse();
        assertThat(node(1).contents(7)).isEmpty();

        // Node 1 no longer hosts the group: its writes go to the remaining members.
        assertThat(remoteWrite(node(1), withoutOne.voters(), 20, "b", "2").applied()).isTrue();
        TestNode.await("the new member applies", 20_000, () -> node(4).contents(7).equals(List.of("a=1", "b=2")));
    }

    @Test
    void aListenerAppliesTheLogWithoutVoting() {
        Membership m = new Membership(peers(1, 2, 3), peers(4), "n1");
        for (int i = 1; i <= 4; i++) {
            node(1).host.createGroupOn(peer(i), GROUP, m);
        }
        assertThat(remoteWrite(node(4), peers(1, 2, 3), 10, "a", "1").applied()).isTrue();
        TestNode.await("the listener applies", 20_000, () -> node(4).contents(7).contains("a=1"));
        TestNode.await("the preferred leader leads", 20_000,
                () -> node(4).host.leaderId(GROUP).filter("n1"::equals).isPresent());
        assertThat(node(4).host.status(GROUP).leader()).isFalse();
    }

    @Test
    void aStateMachineErrorReachesARemoteSubmitterWithItsSqlState() {
        Membership m = Membership.of(peers(1, 2, 3));
        for (int i = 1; i <= 3; i++) {
            node(4).host.createGroupOn(peer(i), GroupKey.META, m);
        }
        assertThat(CounterStateMachine.decode(
                node(4).host.submit(GroupKey.META, peers(1, 2, 3), CounterStateMachine.add(5)).join())).isEqualTo(5);
        assertThatThrownBy(() -> node(4).host.submit(GroupKey.META, peers(1, 2, 3), CounterStateMachine.add(-1)).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("22023"));
    }
}
