package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real, unmodified {@code pgbench} against a node: initialisation (DROP TABLE IF EXISTS,
 * CREATE TABLE ... WITH (fillfactor), TRUNCATE in a block, COPY FROM STDIN WITH (freeze on),
 * VACUUM, ALTER TABLE ADD PRIMARY KEY), then timed runs in the three protocol modes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgbenchTest {
    static NodeProcess node;

    @BeforeAll
    static void initialise() throws Exception {
        node = SharedNode.get();
        Result r = pgbench("-i", "-s", "1");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("creating primary keys...").contains("done in");
    }

    record Result(int exitCode, String output) {}

    static Result pgbench(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("pgbench", "-h", "127.0.0.1", "-p", String.valueOf(node.sqlPort()),
                "-U", "tessera"));
        cmd.addAll(List.of(args));
        cmd.add("tessera");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGCONNECT_TIMEOUT", "5");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("pgbench did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void initialisationLoadsTheScaleOneDataSet() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "pgbench_accounts")).isEqualTo(100_000);
            assertThat(count(s, "pgbench_tellers")).isEqualTo(10);
            assertThat(count(s, "pgbench_branches")).isEqualTo(1);
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
        Result r = pgbench("-S", "-M", "prepared", "-c", "4", "-j", "2", "-T", "5");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("number of failed transactions: 0").containsPattern("tps = [1-9]");
    }

    @Test
    @Order(3)
    void tpcbLikeExtendedRunHasNoFailures() throws Exception {
        Result r = pgbench("-c", "2", "-T", "5", "-M", "extended");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("number of failed transactions: 0").containsPattern("tps = [1-9]");
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            // Balances are not checked: without transactions yet, concurrent "bbalance = bbalance + x" can lose updates.
            assertThat(count(s, "pgbench_history")).isPositive();
        }
    }

    @Test
    @Order(4)
    void tpcbLikeSimpleRunHasNoFailures() throws Exception {
        Result r = pgbench("-c", "2", "-T", "3", "-M", "simple");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("number of failed transactions: 0");
    }

    private static long count(Statement s, String table) throws Exception {
        return sum(s, "SELECT count(*) FROM " + table);
    }

    private static long sum(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
