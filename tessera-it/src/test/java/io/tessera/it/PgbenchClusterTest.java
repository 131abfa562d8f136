package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.it.LocalCluster.FragmentRow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PgbenchTest}'s runs against a fresh three-node cluster. pgbench's own CREATE TABLEs get
 * the cluster default of three replicas (min(3, live nodes)); each protocol mode runs through a
 * different node, so every node is a gateway once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgbenchClusterTest {
    private static final List<String> TABLES = List.of("pgbench_accounts", "pgbench_branches", "pgbench_tellers",
            "pgbench_history");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static LocalCluster cluster;

    @BeforeAll
    static void initialise() throws Exception {
        cluster = LocalCluster.start(tmp, 3);
        Pgbench.Result r = Pgbench.run(cluster.node(1), List.of("-i", "-s", String.valueOf(Pgbench.SCALE)));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("creating primary keys...").contains("done in");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void pgbenchTablesHaveThreeReplicas() throws Exception {
        for (String table : TABLES) {
            List<FragmentRow> fragments = cluster.fragmentsView(table);
            assertThat(fragments).as("fragments of %s", table).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.replicas()).as("replicas of %s", f).hasSize(3));
        }
    }

    @ParameterizedTest(name = "-M {0} through node {1}")
    @CsvSource({"simple, 1", "extended, 2", "prepared, 3"})
    @Order(2)
    void tpcbRunHasNoFailedTransactionAndBalancesAgree(String mode, int node) throws Exception {
        PgbenchTest.assertCleanTpcbRun(cluster.node(node), mode, "PgbenchClusterTest node " + node);
    }
}
