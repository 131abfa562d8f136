package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.it.AcknowledgedInserts.Failures;
import io.tessera.it.AcknowledgedInserts.RowCheck;
import io.tessera.it.LocalCluster.FragmentRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover check: four clients insert continuously through the nodes that survive
 * while a node is killed with {@code kill -9} and later restarted; afterwards every acknowledged
 * row is present exactly once through every node. The longest stall is printed, not asserted (it
 * is a measurement; {@code bench/failover.sh} repeats it for the figures in BENCHMARKS.md).
 */
class FailoverTest {
    private static final int CLIENTS = 4;
    /** Acknowledged inserts in each phase: enough to cross several fragments' leaders many times. */
    private static final int INSERTS_PER_PHASE = 200;
    /** Failover is election timeout plus the gateway's retry: seconds; this deadline only bounds a hang. */
    private static final Duration RESUME_DEADLINE = Duration.ofSeconds(90);
    private static final Duration LEADERS_DEADLINE = Duration.ofSeconds(60);
    /** SQLSTATE classes a client may see while a leader changes: connection loss, node shutdown, retry. */
    private static final List<String> FAILOVER_STATES = List.of("08", "57P", "40001");

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

    /** A failed scenario may leave its victim down; the next one needs all three nodes. */
    @AfterEach
    void restartStoppedNodes() throws Exception {
        for (NodeProcess n : cluster.nodes()) {
            if (!n.isAlive()) {
                cluster.restart(n);
            }
        }
    }

    @Test
    void killingTheNodeWithMostLeadersLosesNoAcknowledgedInsert() throws Exception {
        String table = "failover_leaders";
        AcknowledgedInserts.createTable(cluster.node(1), table, "fragments = 8, replicas = 3");
        awaitLeaders(table);
        NodeProcess victim = cluster.mostLeaders();
        System.out.println("FailoverTest: leaders per node " + cluster.leadersPerNode() + "; killing " + describe(victim));
        killDuringInserts(table, victim);
    }

    @Test
    void killingTheMetadataLeaderLosesNoAcknowledgedInsert() throws Exception {
        Assumptions.assumeTrue(cluster.reportsMetadataLeader(),
                "tessera.nodes has no meta_leader column: the metadata leader cannot be found through SQL");
        String table = "failover_meta";
        AcknowledgedInserts.createTable(cluster.node(1), table, "fragments = 8, replicas = 3");
        awaitLeaders(table);
        NodeProcess victim = cluster.metadataLeader()
                .orElseThrow(() -> new AssertionError("no node has meta_leader = true: " + nodesViewOrError()));
        System.out.println("FailoverTest: killing the metadata leader " + describe(victim));
        killDuringInserts(table, victim);
    }

    private void killDuringInserts(String table, NodeProcess victim) throws Exception {
        List<NodeProcess> survivors = cluster.runningExcept(victim);
        List<NodeProcess> gateways = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            gateways.add(survivors.get(i % survivors.size()));
        }
        AcknowledgedInserts inserts = new AcknowledgedInserts(table, gateways);
        long killNanos;
        long restartNanos;
        try {
            inserts.start();
            assertThat(inserts.awaitAcknowledgedAfter(0, INSERTS_PER_PHASE, RESUME_DEADLINE))
                    .as("inserts before the kill; failures %s\n%s", inserts.failures(), cluster.logTails()).isTrue();
            killNanos = System.nanoTime();
            cluster.kill(victim);
            assertThat(inserts.awaitAcknowledgedAfter(killNanos, INSERTS_PER_PHASE, RESUME_DEADLINE))
                    .as("inserts resumed after kill -9 of %s; failures %s\n%s", victim.sqlAddr(), inserts.failures(),
                            cluster.logTails()).isTrue();
            restartNanos = System.nanoTime();
            cluster.restart(victim);
            assertThat(inserts.awaitAcknowledgedAfter(System.nanoTime(), INSERTS_PER_PHASE, RESUME_DEADLINE))
                    .as("inserts after %s came back; failures %s\n%s", victim.sqlAddr(), inserts.failures(),
                            cluster.logTails()).isTrue();
        } finally {
            inserts.stop();
        }
        long end = System.nanoTime();
        report(table, inserts, killNanos, restartNanos, end);
        for (NodeProcess node : cluster.nodes()) {
            RowCheck check = inserts.check(node);
            System.out.println("FailoverTest: " + table + " " + check);
            assertThat(check.ok()).as("every acknowledged row exactly once, %s", check).isTrue();
        }
        assertThat(inserts.failures()).as("client errors during failover: SQLSTATE classes %s only", FAILOVER_STATES)
                .allSatisfy((state, f) -> assertThat(FAILOVER_STATES.stream().anyMatch(state::startsWith))
                        .as("SQLSTATE %s x%d: %s", state, f.count(), f.firstMessage()).isTrue());
    }

    private static void report(String table, AcknowledgedInserts inserts, long killNanos, long restartNanos, long end) {
        Map<String, Failures> failures = inserts.failures();
        System.out.printf("FailoverTest: %s acknowledged=%d tried=%d%n", table, inserts.acknowledged(), inserts.tried());
        System.out.printf("FailoverTest: %s longest stall, all %d clients: whole run %s, around the kill %s, around the restart %s%n",
                table, CLIENTS, Stalls.millis(inserts.longestGapAllClients(0, end)),
                Stalls.millis(inserts.longestGapAllClients(killNanos, restartNanos)),
                Stalls.millis(inserts.longestGapAllClients(restartNanos, end)));
        System.out.printf("FailoverTest: %s longest wait of one client around the kill %s%n", table,
                Stalls.millis(inserts.longestGapOneClient(killNanos, restartNanos)));
        failures.forEach((state, f) -> System.out.printf("FailoverTest: %s failed inserts SQLSTATE %s x%d, first: %s%n",
                table, state, f.count(), f.firstMessage()));
    }

    /** Waits until every fragment of {@code table} has a leader, so the victim is chosen on a settled map. */
    private static void awaitLeaders(String table) throws Exception {
        long end = System.nanoTime() + LEADERS_DEADLINE.toNanos();
        List<FragmentRow> rows = List.of();
        while (System.nanoTime() < end) {
            rows = cluster.fragmentsView(table);
            if (!rows.isEmpty() && rows.stream().allMatch(f -> f.leader() != null && f.replicas().size() == 3)) {
                return;
            }
            Thread.sleep(200); // elections of the new groups
        }
        throw new AssertionError("fragments of " + table + " without a leader or 3 replicas after " + LEADERS_DEADLINE
                + ": " + rows + "\n" + cluster.logTails());
    }

    private static String describe(NodeProcess node) throws Exception {
        return cluster.nodeId(node) + " (sql " + node.sqlAddr() + ", pid " + node.pid() + ")";
    }

    private static String nodesViewOrError() {
        try {
            return cluster.nodesView().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
