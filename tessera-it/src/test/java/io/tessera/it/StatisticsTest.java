package io.tessera.it;

import static io.tessera.it.JdbcRows.collect;
import static io.tessera.it.JdbcRows.explain;
import static io.tessera.it.JdbcRows.query;
import static io.tessera.it.JdbcRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ANALYZE through pgjdbc against a real node: the statistics it stores show in pg_class and
 * pg_stats as PostgreSQL shows them, change the planner's choice of index or full scan (for a
 * prepared statement too, which is planned again), and survive a restart.
 */
class StatisticsTest {
    @TempDir
    Path tmp;
    NodeProcess node;

    @AfterEach
    void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void analyzeFeedsThePlannerAndSurvivesARestart() throws Exception {
        node = NodeProcess.start(tmp);
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, kind TEXT, code TEXT, note TEXT) WITH (fragments = 3)");
            s.execute("INSERT INTO items SELECT g, CASE WHEN g % 2 = 0 THEN 'even' ELSE 'odd' END, 'c' || g,"
                    + " CASE WHEN g % 4 = 0 THEN NULL ELSE 'n' END FROM generate_series(1, 2000) g");
            s.execute("CREATE INDEX items_kind ON items (kind)");
            s.execute("CREATE INDEX items_code ON items (code)");
            assertThat(query(c, "SELECT reltuples FROM pg_class WHERE relname = 'items'")).containsExactly("-1");
            assertThat(query(c, "SELECT count(*) FROM pg_stats WHERE tablename = 'items'")).containsExactly("0");

            try (PreparedStatement byKind = c.prepareStatement("EXPLAIN SELECT count(*) FROM items WHERE kind = ?")) {
                byKind.setString(1, "odd");
                assertThat(rows(byKind)).first().asString().startsWith("Aggregate");
                assertThat(rows(byKind)).anyMatch(l -> l.contains("Index Scan using items_kind"));

                s.execute("ANALYZE items");
                assertThat(rows(byKind)).as("half the table: the prepared statement is planned again, without the index")
                        .anyMatch(l -> l.contains("Full Scan on items")).noneMatch(l -> l.contains("items_kind"));
            }
            assertThat(explain(c, "SELECT * FROM items WHERE code = 'c77'")).anyMatch(l -> l.contains("items_code"));
            assertThat(query(c, "SELECT count(*) FROM items WHERE kind = 'odd'")).containsExactly("1000");
            assertStatistics(c);
        }
        assertThat(node.stop()).isIn(0, 130, 143);
        node.restart();
        try (Connection c = node.connect()) {
            assertStatistics(c);
            assertThat(explain(c, "SELECT count(*) FROM items WHERE kind = 'odd'")).noneMatch(l -> l.contains("items_kind"));
        }
    }

    @Test
    void analyzeWithoutATableAnalyzesEveryTableAndAnUnknownOneIs42P01() throws Exception {
        node = NodeProcess.start(tmp);
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE a (id INT PRIMARY KEY)");
            s.execute("CREATE TABLE b (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO a SELECT g FROM generate_series(1, 30) g");
            s.execute("ANALYZE VERBOSE");
            assertThat(query(c, "SELECT relname, reltuples FROM pg_class WHERE relname IN ('a', 'b') ORDER BY relname"))
                    .containsExactly("a|30", "b|0");
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.execute("ANALYZE nosuch"));
            assertThat(e.getSQLState()).isEqualTo("42P01");
            assertThat(query(c, "SELECT count(*) FROM a")).containsExactly("30");
        }
    }

    /** What PostgreSQL 15 shows for the same table after ANALYZE (it samples all 2000 rows). */
    private static void assertStatistics(Connection c) throws SQLException {
        assertThat(query(c, "SELECT reltuples FROM pg_class WHERE relname = 'items'")).containsExactly("2000");
        assertThat(query(c, "SELECT attname, null_frac, n_distinct FROM pg_stats WHERE tablename = 'items' ORDER BY attname"))
                .containsExactly("code|0|-1", "id|0|-1", "kind|0|2", "note|0.25|1");
    }
}
