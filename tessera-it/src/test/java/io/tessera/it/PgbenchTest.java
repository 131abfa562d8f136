package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real, unmodified {@code pgbench} against a fresh node: initialisation (DROP TABLE IF EXISTS,
 * CREATE TABLE ... WITH (fillfactor), TRUNCATE in a block, COPY FROM STDIN WITH (freeze on),
 * VACUUM, ALTER TABLE ADD PRIMARY KEY), then the TPC-B-like run ({@code -c 8 -j 2
 * --max-tries=10}) in each protocol mode: no failed transaction, and afterwards the balance sums
 * agree (they only do when every transaction is atomic; see {@link Pgbench.Balances}). Scale and
 * length: see {@link Pgbench}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgbenchTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static NodeProcess node;

    @BeforeAll
    static void initialise() throws Exception {
        node = NodeProcess.start(tmp);
        Pgbench.Result r = Pgbench.run(node, List.of("-i", "-s", String.valueOf(Pgbench.SCALE)));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("creating primary keys...").contains("done in");
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void initialisationLoadsTheDataSet() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "pgbench_accounts")).isEqualTo(100_000L * Pgbench.SCALE);
            assertThat(count(s, "pgbench_tellers")).isEqualTo(10L * Pgbench.SCALE);
            assertThat(count(s, "pgbench_branches")).isEqualTo(Pgbench.SCALE);
            try (ResultSet rs = s.executeQuery("SELECT bid, abalance, filler FROM pgbench_accounts WHERE aid = 77777")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getInt(2)).isZero();
                assertThat(rs.getString(3)).hasSize(84).isBlank();
            }
        }
        Psql.Result d = Psql.run(node, "\\d pgbench_accounts");
        assertThat(d.stdout()).contains("\"pgbench_accounts_pkey\" PRIMARY KEY, btree (aid)");
    }

    @Test
    @Order(2)
    void selectOnlyPreparedRunHasNoFailures() throws Exception {
        Pgbench.Result r = Pgbench.run(node, List.of("-S", "-M", "prepared", "-c", "4", "-j", "2", "-T", "5"));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.failed()).as(r.output()).hasValue(0);
        assertThat(r.output()).containsPattern("tps = [1-9]");
    }

    @ParameterizedTest(name = "-M {0}")
    @ValueSource(strings = {"simple", "extended", "prepared"})
    @Order(3)
    void tpcbRunHasNoFailedTransactionAndBalancesAgree(String mode) throws Exception {
        assertCleanTpcbRun(node, mode, "PgbenchTest one node");
    }

    /** The run in {@code mode} through {@code gateway}; exit 0, no failed transaction, the balance sums agree. */
    static void assertCleanTpcbRun(NodeProcess gateway, String mode, String label) throws Exception {
        List<String> args = new ArrayList<>(List.of("-M", mode));
        args.addAll(Pgbench.TPCB_RUN);
        Pgbench.Balances before;
        try (Connection c = TxSql.open(gateway)) {
            before = Pgbench.balances(c);
        }
        Pgbench.Result r = Pgbench.run(gateway, args);
        System.out.printf("%s: pgbench -s %d -M %s %s: %s%n", label, Pgbench.SCALE, mode, Pgbench.TPCB_RUN, r.summary());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.failed()).as("failed transactions\n%s", r.output()).hasValue(0);
        assertThat(r.processed().orElse(0)).as(r.output()).isPositive();
        try (Connection c = TxSql.open(gateway)) {
            Pgbench.Balances b = Pgbench.balances(c);
            System.out.printf("%s: -M %s balances before %s, after %s%n", label, mode, before, b);
            assertThat(b.agreeAfterRunFrom(before)).as("over the run sum(abalance), sum(bbalance) and sum(tbalance)"
                    + " change by sum(delta) of the history it wrote: before %s, after %s", before, b).isTrue();
            assertThat(TxSql.queryLong(c, "SELECT count(*) FROM pgbench_history")).isPositive();
        }
    }

    private static long count(Statement s, String table) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
