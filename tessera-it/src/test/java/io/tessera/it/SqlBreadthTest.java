package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Views, WITH RECURSIVE, window functions, CHECK constraints and EXPLAIN through pgjdbc and psql
 * against a real node: replicated catalog, Raft-backed fragments, PostgreSQL's answers.
 */
class SqlBreadthTest {
    static NodeProcess node;

    @BeforeAll
    static void setUp() throws Exception {
        node = SharedNode.get();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("DROP VIEW IF EXISTS br_eng");
            s.execute("DROP TABLE IF EXISTS br_emp, br_friends, br_acct, br_frag");
            s.execute("CREATE TABLE br_emp (id INT PRIMARY KEY, name TEXT, dept TEXT, salary INT)");
            s.execute("INSERT INTO br_emp VALUES (1, 'ann', 'eng', 100), (2, 'bob', 'eng', 80), (3, 'cid', 'ops', 60)");
            s.execute("CREATE TABLE br_friends (a INT, b INT, PRIMARY KEY (a, b))");
            s.execute("INSERT INTO br_friends VALUES (1, 2), (2, 3), (3, 4), (2, 5), (5, 1), (6, 7)");
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return JdbcRows.collect(rs);
        }
    }

    @Test
    void viewIsExpandedListedByPsqlAndNotWritable() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE VIEW br_eng AS SELECT id, name, salary FROM br_emp WHERE dept = 'eng'");
            assertThat(rows(s, "SELECT name FROM br_eng WHERE salary > 90")).containsExactly("ann");
            PSQLException write = catchThrowableOfType(PSQLException.class, () -> s.execute("INSERT INTO br_eng VALUES (9, 'x', 1)"));
            assertThat(write.getSQLState()).isEqualTo("55000");
            PSQLException drop = catchThrowableOfType(PSQLException.class, () -> s.execute("DROP TABLE br_emp"));
            assertThat(drop.getSQLState()).isEqualTo("2BP01");
        }
        Psql.Result r = Psql.run(node, "\\dv", "\\d br_eng");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).containsPattern("public\\s*\\|\\s*br_eng\\s*\\|\\s*view")
                .contains("View \"public.br_eng\"").containsPattern("salary\\s*\\|\\s*integer");
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("DROP VIEW br_eng");
            assertThat(rows(s, "SELECT count(*) FROM pg_views WHERE viewname = 'br_eng'")).containsExactly("0");
        }
    }

    @Test
    void recursiveQueryWalksFriendsOfFriends() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            List<String> reach = rows(s, "WITH RECURSIVE fof(person, hops) AS (SELECT b, 1 FROM br_friends WHERE a = 1"
                    + " UNION SELECT f.b, fof.hops + 1 FROM fof JOIN br_friends f ON f.a = fof.person WHERE fof.hops < 2)"
                    + " SELECT DISTINCT person FROM fof WHERE person <> 1 ORDER BY person");
            assertThat(reach).containsExactly("2", "3", "5");
            List<String> all = rows(s, "WITH RECURSIVE r(p) AS (SELECT 1 UNION SELECT f.b FROM br_friends f JOIN r ON f.a = r.p)"
                    + " SELECT p FROM r ORDER BY p");
            assertThat(all).containsExactly("1", "2", "3", "4", "5");
        }
    }

    @Test
    void windowFunctionsFollowPostgresFrames() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT id, lag(salary, 1, 0) OVER (ORDER BY id), sum(salary) OVER (PARTITION BY dept ORDER BY salary)"
                    + " FROM br_emp ORDER BY id")).containsExactly("1|0|180", "2|100|80", "3|80|60");
        }
    }

    @Test
    void checkViolationHasPostgresStateAndDetail() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE br_acct (id INT PRIMARY KEY, balance INT CHECK (balance >= 0))");
            s.execute("INSERT INTO br_acct VALUES (1, 5)");
            PSQLException e = catchThrowableOfType(PSQLException.class, () -> s.execute("UPDATE br_acct SET balance = -1"));
            assertThat(e.getSQLState()).isEqualTo("23514");
            assertThat(e.getServerErrorMessage().getMessage())
                    .isEqualTo("new row for relation \"br_acct\" violates check constraint \"br_acct_balance_check\"");
            assertThat(e.getServerErrorMessage().getDetail()).isEqualTo("Failing row contains (1, -1).");
            assertThat(rows(s, "SELECT balance FROM br_acct")).containsExactly("5");
        }
        Psql.Result r = Psql.run(node, "\\d br_acct");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).contains("Check constraints:").contains("\"br_acct_balance_check\" CHECK (balance >= 0)");
    }

    @Test
    void explainShowsFragmentPruning() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE br_frag (id INT PRIMARY KEY, v TEXT) WITH (fragments = 8)");
            s.execute("INSERT INTO br_frag SELECT g, 'v' || g FROM generate_series(1, 20) AS g");
            String point = String.join("\n", rows(s, "EXPLAIN SELECT * FROM br_frag WHERE id = 5"));
            assertThat(point).contains("Point Get on br_frag").contains("fragments: 1 of 8");
            String range = String.join("\n", rows(s, "EXPLAIN SELECT * FROM br_frag WHERE id > 5"));
            assertThat(range).contains("Key Range Scan on br_frag").contains("fragments: 8 of 8");
            String analyzed = String.join("\n", rows(s, "EXPLAIN ANALYZE SELECT count(*) FROM br_frag"));
            assertThat(analyzed).contains("Full Scan on br_frag").containsPattern("rows=20 loops=1")
                    .containsPattern("Execution Time: \\d+\\.\\d{3} ms");
        }
    }
}
