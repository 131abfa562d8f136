package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.it.LocalCluster.FragmentRow;
import io.tessera.it.LocalCluster.NodeRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes joined with {@code --join} appear as one database: a replicated table
 * filled through node 1 reads the same through node 3, each fragment has three replicas on
 * distinct nodes with leaders spread, and a table asking for more replicas than nodes is refused.
 */
class ThreeNodeClusterTest {
    private static final int ROWS = 1000;
    private static final int FRAGMENTS = 8;
    /** Elections of 8 new groups and the leader balancing after them take a few heartbeats each. */
    private static final Duration PLACEMENT_DEADLINE = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(tmp, 3);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyNodeIsListedLiveWithItsAddresses() throws Exception {
        List<NodeRow> rows = cluster.nodesView(cluster.node(3));
        assertThat(rows).as("tessera.nodes through node 3").hasSize(3).allMatch(r -> r.state().equals("live"));
        assertThat(rows.stream().map(NodeRow::sqlAddr))
                .containsExactlyInAnyOrderElementsOf(cluster.nodes().stream().map(NodeProcess::sqlAddr).toList());
        assertThat(rows.stream().map(NodeRow::rpcAddr))
                .containsExactlyInAnyOrderElementsOf(cluster.nodes().stream().map(NodeProcess::rpcAddr).toList());
        assertThat(rows.stream().map(NodeRow::nodeId).distinct()).hasSize(3);
    }

    @Test
    void rowsWrittenThroughNodeOneReadTheSameThroughNodeThree() throws Exception {
        try (Connection c = cluster.node(1).connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE spread (id INT PRIMARY KEY, v BIGINT NOT NULL, name TEXT)"
                    + " WITH (fragments = " + FRAGMENTS + ", replicas = 3)");
            s.execute("INSERT INTO spread SELECT g, g::bigint * g, 'name-' || g FROM generate_series(1, " + ROWS + ") g");
        }
        for (int node : new int[] {3, 2, 1}) {
            try (Connection c = cluster.node(node).connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), sum(id), sum(v), count(DISTINCT name) FROM spread")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("count through node %d", node).isEqualTo(ROWS);
                assertThat(rs.getLong(2)).as("sum(id) through node %d", node).isEqualTo((long) ROWS * (ROWS + 1) / 2);
                assertThat(rs.getLong(3)).as("sum(v) through node %d", node).isEqualTo(sumOfSquares(ROWS));
                assertThat(rs.getLong(4)).isEqualTo(ROWS);
            }
        }
        assertThat(rowsThrough(cluster.node(3))).isEqualTo(rowsThrough(cluster.node(1)));

        List<FragmentRow> fragments = awaitPlaced("spread");
        Set<String> nodeIds = cluster.nodesView().stream().map(NodeRow::nodeId).collect(Collectors.toSet());
        for (FragmentRow f : fragments) {
            assertThat(f.replicas()).as("replicas of fragment %d", f.fragmentId()).hasSize(3).doesNotHaveDuplicates();
            assertThat(nodeIds).as("replicas of fragment %d are cluster nodes", f.fragmentId()).containsAll(f.replicas());
            assertThat(f.replicas()).as("leader of fragment %d is one of its replicas", f.fragmentId()).contains(f.leader());
        }
        Map<String, Long> leaders = fragments.stream().collect(Collectors.groupingBy(FragmentRow::leader, Collectors.counting()));
        assertThat(leaders.values()).as("leaders per node %s", leaders).allMatch(n -> n < FRAGMENTS);
        System.out.println("ThreeNodeClusterTest: leaders per node of 'spread': " + leaders);
    }

    @Test
    void moreReplicasThanNodesIsRefusedAndCreatesNothing() throws Exception {
        SQLException refused;
        try (Connection c = cluster.node(2).connect(); Statement s = c.createStatement()) {
            refused = catchThrowableOfType(SQLException.class,
                    () -> s.execute("CREATE TABLE five_copies (id INT PRIMARY KEY) WITH (replicas = 5)"));
        }
        assertThat((Throwable) refused).as("CREATE TABLE ... WITH (replicas = 5) on 3 nodes").isNotNull();
        assertThat(refused.getSQLState()).as("SQLSTATE of: " + refused.getMessage()).isNotNull()
                .isNotEqualTo("XX000").doesNotStartWith("08").doesNotStartWith("57");
        assertThat(refused.getMessage()).as("the message names the setting").containsIgnoringCase("replica");
        for (NodeProcess node : cluster.nodes()) {
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                SQLException missing = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT * FROM five_copies"));
                assertThat((Throwable) missing).as("five_copies through %s", node.sqlAddr()).isNotNull();
                assertThat(missing.getSQLState()).isEqualTo("42P01");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM tessera.fragments WHERE table_name = 'five_copies'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
        }
    }

    /** Waits until every fragment of {@code table} lists its replicas and a leader, and no node leads them all. */
    private static List<FragmentRow> awaitPlaced(String table) throws Exception {
        long end = System.nanoTime() + PLACEMENT_DEADLINE.toNanos();
        List<FragmentRow> rows = List.of();
        while (System.nanoTime() < end) {
            rows = cluster.fragmentsView(table);
            boolean placed = rows.size() == FRAGMENTS
                    && rows.stream().allMatch(f -> f.leader() != null && f.replicas() != null && f.replicas().size() == 3);
            long distinctLeaders = rows.stream().map(FragmentRow::leader).distinct().count();
            if (placed && distinctLeaders > 1) {
                return rows;
            }
            Thread.sleep(200); // placement and leader balancing run on the placement driver's tick
        }
        return rows; // the assertions that follow say what is wrong
    }

    private static List<String> rowsThrough(NodeProcess node) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = node.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, v, name FROM spread ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getLong(2) + "|" + rs.getString(3));
            }
        }
        assertThat(new HashSet<>(rows)).hasSize(ROWS);
        return rows;
    }

    private static long sumOfSquares(long n) {
        return n * (n + 1) * (2 * n + 1) / 6;
    }
}
