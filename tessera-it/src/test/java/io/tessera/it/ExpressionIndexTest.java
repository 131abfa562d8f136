package io.tessera.it;

import static io.tessera.it.JdbcRows.collect;
import static io.tessera.it.JdbcRows.explain;
import static io.tessera.it.JdbcRows.query;
import static io.tessera.it.JdbcRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * Expression indexes through pgjdbc against a real node: CREATE INDEX on {@code (doc->>'email')}
 * over rows already there (backfill), lookups through it answering what a scan answers, 23505 from
 * a unique expression index, EXPLAIN naming it, the catalog showing the expression, and the
 * definition surviving a restart.
 */
class ExpressionIndexTest {
    private static final int ROWS = 2_000;

    @TempDir
    Path tmp;

    @Test
    void lookupsByAnExpressionMatchScans() throws Exception {
        try (Connection c = SharedNode.get().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE xi_docs (id INT PRIMARY KEY, doc JSONB) WITH (fragments = 4)");
            fill(c, "xi_docs");
            s.execute("CREATE UNIQUE INDEX xi_docs_email ON xi_docs ((doc->>'email'))");
            s.execute("CREATE INDEX IF NOT EXISTS xi_docs_email ON xi_docs ((doc->>'other'))"); // skipped

            assertThat(explain(c, "SELECT id FROM xi_docs WHERE doc->>'email' = 'u7@example.com'"))
                    .first().asString().isEqualTo("Index Scan using xi_docs_email on xi_docs");
            try (PreparedStatement indexed = c.prepareStatement("SELECT id, doc->>'city' FROM xi_docs WHERE doc->>'email' = ?");
                    PreparedStatement scanned = c.prepareStatement(
                            "SELECT id, doc->>'city' FROM xi_docs WHERE (doc->>'email') || '' = ?")) {
                assertThat(explain(c, "SELECT id FROM xi_docs WHERE (doc->>'email') || '' = 'x'"))
                        .first().asString().isEqualTo("Full Scan on xi_docs");
                for (String email : new String[] {"u1@example.com", "u77@example.com", "u" + ROWS + "@example.com",
                        "nobody@example.com"}) {
                    indexed.setString(1, email);
                    scanned.setString(1, email);
                    assertThat(rows(indexed)).isEqualTo(rows(scanned));
                }
                indexed.setString(1, "u77@example.com");
                assertThat(rows(indexed)).containsExactly("77|city7");
            }

            assertUniqueViolation(() -> s.execute("INSERT INTO xi_docs VALUES (" + (ROWS + 1)
                    + ", '{\"email\": \"u5@example.com\"}')"), "Key ((doc->>'email'))=(u5@example.com) already exists.");
            s.execute("UPDATE xi_docs SET doc = '{\"email\": \"moved@example.com\"}' WHERE id = 5");
            s.execute("INSERT INTO xi_docs VALUES (" + (ROWS + 1) + ", '{\"email\": \"u5@example.com\"}')");
            assertThat(query(c, "SELECT id FROM xi_docs WHERE doc->>'email' = 'u5@example.com'"))
                    .containsExactly(String.valueOf(ROWS + 1));
            assertThat(query(c, "SELECT id FROM xi_docs WHERE doc->>'email' = 'moved@example.com'")).containsExactly("5");

            assertThat(query(c, "SELECT indexdef FROM pg_indexes WHERE indexname = 'xi_docs_email'")).containsExactly(
                    "CREATE UNIQUE INDEX xi_docs_email ON public.xi_docs USING btree ((doc->>'email'))");
            Psql.Result described = Psql.run(SharedNode.get(), "\\d xi_docs", "\\d xi_docs_email");
            assertThat(described.exitCode()).as(described.stdout()).isZero();
            assertThat(described.stdout()).as(described.stdout())
                    .contains("\"xi_docs_email\" UNIQUE, btree ((doc->>'email'))")
                    .containsPattern("expr +\\| text +\\| yes +\\| \\(doc->>'email'\\)");
            assertThatThrownBy(() -> s.execute("CREATE INDEX ON xi_docs ((doc->>'email' || now()::text))"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42P17");
                        assertThat(e.getMessage()).contains("functions in index expression must be marked IMMUTABLE");
                    });
        }
    }

    @Test
    void aUniqueExpressionIndexOverDuplicatesIsRefused() throws Exception {
        try (Connection c = SharedNode.get().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE xi_people (id INT PRIMARY KEY, name TEXT)");
            s.execute("INSERT INTO xi_people VALUES (1, 'Ann'), (2, 'ANN'), (3, 'Bob')");
            assertThatThrownBy(() -> s.execute("CREATE UNIQUE INDEX xi_people_lower ON xi_people (lower(name))"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("23505");
                        assertThat(e.getServerErrorMessage().getDetail()).isEqualTo("Key (lower(name))=(ann) is duplicated.");
                    });
            s.execute("CREATE INDEX xi_people_lower ON xi_people (lower(name))");
            assertThat(explain(c, "SELECT id FROM xi_people WHERE lower(name) = 'ann'"))
                    .first().asString().isEqualTo("Index Scan using xi_people_lower on xi_people");
            assertThat(sorted(query(c, "SELECT id FROM xi_people WHERE lower(name) = 'ann'"))).containsExactly("1", "2");
        }
    }

    @Test
    void orderByLimitReadsTheIndexInOrder() throws Exception {
        try (Connection c = SharedNode.get().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE xi_scores (id INT PRIMARY KEY, grp INT, score INT, name TEXT) WITH (fragments = 4)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO xi_scores VALUES (?, ?, ?, ?)")) {
                for (int id = 1; id <= ROWS; id++) {
                    p.setInt(1, id);
                    p.setInt(2, id % 7);
                    if (id % 11 == 0) {
                        p.setNull(3, java.sql.Types.INTEGER); // NULL scores: last in ASC, first in DESC
                    } else {
                        p.setInt(3, (id * 7919) % 100_003); // distinct, in no relation to the key
                    }
                    p.setString(4, "Name" + (id * 31) % 997);
                    p.addBatch();
                }
                p.executeBatch();
            }
            s.execute("CREATE INDEX xi_scores_score ON xi_scores (score)");
            s.execute("CREATE INDEX xi_scores_grp_score ON xi_scores (grp, score)");
            s.execute("CREATE INDEX xi_scores_lower ON xi_scores (lower(name))");

            assertThat(explain(c, "SELECT id FROM xi_scores ORDER BY score LIMIT 10")).startsWith("Limit",
                    "  ->  Index Scan using xi_scores_score on xi_scores");
            assertThat(explain(c, "SELECT id FROM xi_scores WHERE grp = 3 ORDER BY score LIMIT 10")).startsWith("Limit",
                    "  ->  Index Scan using xi_scores_grp_score on xi_scores");
            assertThat(explain(c, "SELECT id FROM xi_scores ORDER BY score + 0 LIMIT 10")).contains("  ->  Sort");

            for (String order : new String[] {"", " DESC", " NULLS LAST", " DESC NULLS FIRST"}) {
                for (int limit : new int[] {1, 25, ROWS / 11 + 20, ROWS + 5}) {
                    // Scores are distinct but for NULLs, whose ties PostgreSQL leaves in any order: scores in order, ids as a set.
                    String indexed = "SELECT score, id FROM xi_scores ORDER BY score" + order + " LIMIT " + limit;
                    String sortedFully = "SELECT score, id FROM xi_scores ORDER BY score + 0" + order + ", id LIMIT " + limit;
                    assertThat(column(query(c, indexed), 0)).as(indexed).isEqualTo(column(query(c, sortedFully), 0));
                    assertThat(sorted(column(query(c, indexed), 1))).as(indexed)
                            .isEqualTo(sorted(column(query(c, sortedFully), 1)));
                }
            }
            assertThat(query(c, "SELECT score, id FROM xi_scores WHERE grp = 3 ORDER BY score LIMIT 40"))
                    .isEqualTo(query(c, "SELECT score, id FROM xi_scores WHERE grp + 0 = 3 ORDER BY score + 0, id LIMIT 40"));
            assertThat(query(c, "SELECT score FROM xi_scores ORDER BY score LIMIT 3 OFFSET " + (ROWS - 3)))
                    .containsExactly("null", "null", "null");
            assertThat(query(c, "SELECT lower(name) FROM xi_scores ORDER BY lower(name) LIMIT 30"))
                    .isEqualTo(query(c, "SELECT lower(name) FROM xi_scores ORDER BY lower(name) || '' LIMIT 30"));
        }
    }

    @Test
    void theDefinitionSurvivesARestart() throws Exception {
        NodeProcess node = NodeProcess.start(tmp);
        try {
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE docs (id INT PRIMARY KEY, doc JSONB) WITH (fragments = 2)");
                fill(c, "docs");
                s.execute("CREATE UNIQUE INDEX docs_email ON docs ((doc->>'email'))");
            }
            assertThat(node.stop()).isIn(0, 130, 143);
            node.restart();
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                assertThat(explain(c, "SELECT id FROM docs WHERE doc->>'email' = 'u9@example.com'"))
                        .first().asString().isEqualTo("Index Scan using docs_email on docs");
                assertThat(query(c, "SELECT id FROM docs WHERE doc->>'email' = 'u9@example.com'")).containsExactly("9");
                assertUniqueViolation(() -> s.execute("INSERT INTO docs VALUES (" + (ROWS + 1)
                        + ", '{\"email\": \"u9@example.com\"}')"), "Key ((doc->>'email'))=(u9@example.com) already exists.");
                assertThat(query(c, "SELECT pg_get_indexdef('docs_email'::regclass)")).containsExactly(
                        "CREATE UNIQUE INDEX docs_email ON public.docs USING btree ((doc->>'email'))");
            }
        } finally {
            node.close();
        }
    }

    /** Rows 1..ROWS with documents {@code {"email": "u<id>@example.com", "city": "city<id % 10>"}}. */
    private static void fill(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?::jsonb)")) {
            for (int id = 1; id <= ROWS; id++) {
                p.setInt(1, id);
                p.setString(2, "{\"email\": \"u" + id + "@example.com\", \"city\": \"city" + id % 10 + "\"}");
                p.addBatch();
                if (id % 500 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }

    private interface Action {
        void run() throws SQLException;
    }

    private static void assertUniqueViolation(Action action, String detail) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("23505");
            assertThat(e.getServerErrorMessage().getDetail()).isEqualTo(detail);
        });
    }

    /** The n-th cell of each {@code a|b} row. */
    private static List<String> column(List<String> rows, int n) {
        return rows.stream().map(r -> r.split("\\|")[n]).toList();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
