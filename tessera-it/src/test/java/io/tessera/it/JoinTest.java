package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.it.LocalCluster.NodeRow;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Growth: a fourth node joining a three-node cluster that holds a table receives replicas until
 * replica counts per node differ by at most one, and the data stays complete; a decommissioned node
 * is drained while writes go on. A node told to join
 * through an address where nobody listens exits with an error naming it, and the cluster never
 * sees it.
 */
class JoinTest {
    private static final int ROWS = 2000;
    /** 8 fragments x 3 replicas = 24 replicas: 6 per node once 4 nodes share them. */
    private static final String TABLE_OPTIONS = "fragments = 8, replicas = 3";
    /** Moving replicas means snapshot installs and membership changes, one after another: tens of seconds on 2 cores. */
    private static final Duration BALANCE_DEADLINE = Duration.ofSeconds(180);
    /** A node may retry an unreachable seed for a while before it gives up; it must give up. */
    private static final Duration REFUSED_JOIN_DEADLINE = Duration.ofSeconds(120);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(tmp, 3);
        try (Connection c = cluster.node(1).connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE grow (id INT PRIMARY KEY, v BIGINT NOT NULL) WITH (" + TABLE_OPTIONS + ")");
            // One statement: one Raft entry per fragment (a batch would be ROWS statements of one row).
            s.execute("INSERT INTO grow SELECT g, 3 * g FROM generate_series(1, " + ROWS + ") g");
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void fourthNodeReceivesReplicasUntilCountsDifferByAtMostOne() throws Exception {
        NodeProcess fourth = cluster.addNode(List.of("--labels", "region=eu"));
        List<NodeRow> balanced = cluster.awaitView("the new node holds replicas and counts differ by at most one",
                BALANCE_DEADLINE, rows -> {
                    List<NodeRow> live = rows.stream().filter(r -> r.state().equals("live")).toList();
                    Optional<NodeRow> joined = live.stream().filter(r -> r.sqlAddr().equals(fourth.sqlAddr())).findFirst();
                    long max = live.stream().mapToLong(NodeRow::replicas).max().orElse(0);
                    long min = live.stream().mapToLong(NodeRow::replicas).min().orElse(0);
                    return live.size() == 4 && joined.isPresent() && joined.get().replicas() > 0 && max - min <= 1;
                });
        System.out.println("JoinTest: replicas per node after the join "
                + balanced.stream().collect(Collectors.toMap(NodeRow::nodeId, NodeRow::replicas)));
        NodeRow joined = balanced.stream().filter(r -> r.sqlAddr().equals(fourth.sqlAddr())).findFirst().orElseThrow();
        assertThat(joined.labels()).as("labels of the joined node").contains("region").contains("eu");
        assertThat(cluster.fragmentsView("grow")).allSatisfy(f -> assertThat(f.replicas()).hasSize(3).doesNotHaveDuplicates());
        for (NodeProcess node : List.of(fourth, cluster.node(1))) {
            try (Connection c = node.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), sum(id), sum(v) FROM grow")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("count through %s", node.sqlAddr()).isEqualTo(ROWS);
                assertThat(rs.getLong(2)).isEqualTo((long) ROWS * (ROWS + 1) / 2);
                assertThat(rs.getLong(3)).isEqualTo(3L * ROWS * (ROWS + 1) / 2);
            }
        }
    }

    /**
     * Shrinking: a node joins, then is decommissioned while two clients insert; it ends with no
     * replica, every fragment keeps three replicas on the other nodes, and no acknowledged insert
     * is lost.
     */
    @Test
    void decommissionedNodeIsDrainedWhileWritesContinue() throws Exception {
        NodeProcess leaving = cluster.addNode(List.of());
        String leavingId = cluster.nodeId(leaving);
        AcknowledgedInserts.createTable(cluster.node(1), "drain_writes", "fragments = 4, replicas = 3");
        AcknowledgedInserts inserts = new AcknowledgedInserts("drain_writes", List.of(cluster.node(1), cluster.node(2)));
        List<NodeRow> drained;
        try {
            inserts.start();
            try (Connection c = cluster.node(2).connect(); Statement s = c.createStatement()) {
                s.execute("SELECT tessera_decommission('" + leavingId + "')");
            }
            drained = cluster.awaitView(leavingId + " decommissioned with no replica", BALANCE_DEADLINE,
                    rows -> rows.stream().anyMatch(r -> r.nodeId().equals(leavingId)
                            && r.state().equals("decommissioned") && r.replicas() == 0));
            assertThat(inserts.awaitAcknowledgedAfter(System.nanoTime(), 50, BALANCE_DEADLINE))
                    .as("inserts after the drain; failures %s", inserts.failures()).isTrue();
        } finally {
            inserts.stop();
        }
        System.out.println("JoinTest: after decommissioning " + leavingId + ": " + drained);
        for (String table : List.of("grow", "drain_writes")) {
            assertThat(cluster.fragmentsView(table)).as("fragments of %s", table).allSatisfy(f -> assertThat(f.replicas())
                    .hasSize(3).doesNotHaveDuplicates().doesNotContain(leavingId));
        }
        AcknowledgedInserts.RowCheck check = inserts.check(cluster.node(3));
        assertThat(check.ok()).as("%s", check).isTrue();
        System.out.println("JoinTest: inserts during the drain " + check + ", failures " + inserts.failures());
        cluster.remove(leaving);
        try (Connection c = cluster.node(3).connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM grow")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(ROWS);
        }
    }

    @Test
    void joiningThroughAnUnreachableAddressExitsWithAClearErrorAndChangesNothing() throws Exception {
        List<NodeRow> before = cluster.nodesView();
        String nowhere = "127.0.0.1:" + unusedPort();
        NodeProcess stray = NodeProcess.launch(tmp, List.of("--join", nowhere, "--dead-after", "10s"));
        try {
            Optional<Integer> exit = stray.awaitExit(REFUSED_JOIN_DEADLINE);
            assertThat(exit).as("a node joining through %s exits; log:\n%s", nowhere, stray.logTail(40)).isPresent();
            assertThat(exit.get()).as("exit code").isNotZero();
            assertThat(stray.log()).as("the error names the address it could not reach").contains(nowhere);
        } finally {
            stray.close();
        }
        List<NodeRow> after = cluster.nodesView();
        assertThat(after.stream().map(NodeRow::nodeId).collect(Collectors.toSet()))
                .as("tessera.nodes before and after the refused join")
                .isEqualTo(before.stream().map(NodeRow::nodeId).collect(Collectors.toSet()));
        assertThat(after).noneMatch(r -> r.sqlAddr().equals(stray.sqlAddr()));
    }

    /** A port nothing listens on: bound and released at once (nothing else on loopback takes it back that fast). */
    private static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
