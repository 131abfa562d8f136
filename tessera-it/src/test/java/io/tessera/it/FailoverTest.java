package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.it.AcknowledgedInserts.RowCheck;
import io.tessera.it.LocalCluster.FragmentRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        cluster.awaitAllLive();
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
        cluster.awaitAllLive();
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
        AssertionError restartFailure = null;
        try {
            inserts.start();
            assertThat(inserts.awaitAcknowledgedAfter(0, INSERTS_PER_PHASE, RESUME_DEADLINE))
                    .as("inserts before the kill; failures %s\n%s", inserts.failures(), cluster.logTails()).isTrue();
            long killNanos = System.nanoTime();
            cluster.kill(victim);
            assertThat(inserts.awaitAcknowledgedAfter(killNanos, INSERTS_PER_PHASE, RESUME_DEADLINE))
                    .as("inserts resumed after kill -9 of %s; failures %s\n%s", victim.sqlAddr(), inserts.failures(),
                            cluster.logTails()).isTrue();
            reportKill(table, inserts, killNanos, System.nanoTime());
            restartFailure = restartDuringInserts(victim, inserts);
        } finally {
            inserts.stop();
        }
        reportRun(table, inserts);
        // Rows are checked through the survivors even when the restart failed: losing rows is the worse news.
        for (NodeProcess node : restartFailure == null ? cluster.running() : survivors) {
            RowCheck check = inserts.check(node);
            System.out.println("FailoverTest: " + table + " " + check);
            assertThat(check.ok()).as("every acknowledged row exactly once, %s", check).isTrue();
        }
        if (restartFailure != null) {
            throw restartFailure;
        }
        assertThat(inserts.failures()).as("client errors during failover: SQLSTATE classes %s only", FAILOVER_STATES)
                .allSatisfy((state, f) -> assertThat(FAILOVER_STATES.stream().anyMatch(state::startsWith))
                        .as("SQLSTATE %s x%d: %s", state, f.count(), f.firstMessage()).isTrue());
    }

    /** Restarts the victim while the clients insert; the failure, if the cluster does not take it back. */
    private static AssertionError restartDuringInserts(NodeProcess victim, AcknowledgedInserts inserts) throws Exception {
        long restartNanos = System.nanoTime();
        try {
            cluster.restart(victim);
        } catch (AssertionError e) {
            return e;
        }
        assertThat(inserts.awaitAcknowledgedAfter(System.nanoTime(), INSERTS_PER_PHASE, RESUME_DEADLINE))
                .as("inserts after %s came back; failures %s\n%s", victim.sqlAddr(), inserts.failures(),
                        cluster.logTails()).isTrue();
        System.out.printf("FailoverTest: longest stall of all clients from the restart of %s on: %s%n", victim.sqlAddr(),
                Stalls.millis(inserts.longestGapAllClients(restartNanos, System.nanoTime())));
        return null;
    }

    private static void reportKill(String table, AcknowledgedInserts inserts, long killNanos, long resumedNanos) {
        System.out.printf("FailoverTest: %s longest stall around the kill: all %d clients %s, one client %s%n", table, CLIENTS,
                Stalls.millis(inserts.longestGapAllClients(killNanos, resumedNanos)),
                Stalls.millis(inserts.longestGapOneClient(killNanos, resumedNanos)));
    }

    private static void reportRun(String table, AcknowledgedInserts inserts) {
        System.out.printf("FailoverTest: %s acknowledged=%d tried=%d, longest stall of all clients over the run %s%n", table,
                inserts.acknowledged(), inserts.tried(), Stalls.millis(inserts.longestGapAllClients(0, Long.MAX_VALUE)));
        inserts.failures().forEach((state, f) -> System.out.printf("FailoverTest: %s failed inserts SQLSTATE %s x%d, first: %s%n",
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
