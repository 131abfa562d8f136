package io.tessera.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tessera.common.error.SqlException;
import io.tessera.common.types.TextFormat;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.PreparedStatement;
import io.tessera.sql.api.ResultColumn;
import io.tessera.sql.api.SqlSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the SQL scripts in {@code src/test/resources/sql}. A script is blocks separated by blank
 * lines; each block is a directive line, the statement, then expectations:
 * <pre>
 * ok [TAG]                      the statement succeeds (with this command tag)
 * rows [unordered]              the statement returns exactly the {@code > a | b} rows that follow
 * error SQLSTATE [position N]   the statement fails with this SQLSTATE (and 1-based position)
 * </pre>
 * Expectation lines: {@code > v1 | v2} a row (NULL for null, text as PostgreSQL prints it),
 * {@code ~ name type | name type} the result columns, {@code ! text} the error message or detail
 * contains text, {@code tag TAG} the command tag. Lines starting with {@code --} are comments.
 */
class SqlScriptTest {
    private static final List<String> SCRIPTS = List.of("ddl_dml.sql", "select.sql", "expressions.sql", "errors.sql",
            "aggregates.sql", "joins.sql", "session.sql", "catalog.sql", "types.sql", "views.sql", "recursive.sql", "distinct.sql", "windows.sql", "checks.sql", "explain.sql", "dmljoin.sql", "jsonb.sql", "indexes.sql", "expression_indexes.sql", "transactions.sql");

    @TestFactory
    Stream<DynamicTest> scripts() {
        return SCRIPTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> run(name)));
    }

    private record Block(int line, String directive, String sql, List<String> expectations) {}

    private void run(String name) throws IOException {
        List<Block> blocks = parse(name);
        TestEngines t = new TestEngines();
        SqlSession session = t.session();
        List<String> failures = new ArrayList<>();
        for (Block b : blocks) {
            try {
                check(session, b);
            } catch (AssertionError | RuntimeException e) {
                failures.add(name + ":" + b.line() + ": " + b.sql() + "\n    " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failing blocks:\n" + String.join("\n", failures));
        }
    }

    private static List<Block> parse(String name) throws IOException {
        String text;
        try (InputStream in = SqlScriptTest.class.getResourceAsStream("/sql/" + name)) {
            assertThat(in).as("script " + name).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (lines[i].isBlank() || lines[i].startsWith("--")) {
                i++;
                continue;
            }
            int start = i + 1;
            String directive = lines[i++].trim();
            StringBuilder sql = new StringBuilder();
            List<String> expectations = new ArrayList<>();
            while (i < lines.length && !lines[i].isBlank()) {
                String l = lines[i++];
                if (l.startsWith("> ") || l.equals(">") || l.startsWith("~ ") || l.startsWith("! ") || l.startsWith("tag ")) {
                    expectations.add(l);
                } else if (!l.startsWith("--")) {
                    sql.append(sql.isEmpty() ? "" : "\n").append(l);
                }
            }
            blocks.add(new Block(start, directive, sql.toString(), expectations));
        }
        return blocks;
    }

    private static void check(SqlSession session, Block b) {
        String[] d = b.directive().split("\\s+");
        switch (d[0]) {
            case "ok" -> {
                Result r = execute(session, b.sql());
                if (d.length > 1) {
                    assertThat(r.tag()).isEqualTo(b.directive().substring(3).trim());
                }
                checkExpectations(r, b, false);
            }
            case "rows" -> checkExpectations(execute(session, b.sql()), b, d.length > 1 && d[1].equals("unordered"));
            case "error" -> checkError(session, b, d);
            default -> throw new AssertionError("unknown directive " + b.directive());
        }
    }

    private record Result(List<ResultColumn> columns, List<String> rows, String tag) {}

    private static Result execute(SqlSession session, String sql) {
        PreparedStatement p = session.prepare(sql, List.of());
        List<String> rows = new ArrayList<>();
        try (Cursor c = session.execute(p, List.of())) {
            assertThat(c.columns()).as("cursor columns vs prepared columns").isEqualTo(p.resultColumns());
            for (Object[] row = c.next(); row != null; row = c.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.length; i++) {
                    String v = TextFormat.format(row[i], c.columns().get(i).type(), ZoneOffset.UTC);
                    cells.add(v == null ? "NULL" : v);
                }
                rows.add(String.join(" | ", cells));
            }
            Result result = new Result(c.columns(), rows, c.commandTag());
            session.sync();
            return result;
        }
    }

    private static void checkExpectations(Result r, Block b, boolean unordered) {
        List<String> expected = new ArrayList<>();
        for (String e : b.expectations()) {
            if (e.startsWith(">")) {
                expected.add(e.length() > 2 ? e.substring(2) : "");
            } else if (e.startsWith("~ ")) {
                List<String> cols = r.columns().stream().map(c -> c.name() + " " + c.type().kind().sqlName()).toList();
                assertThat(String.join(" | ", cols)).isEqualTo(e.substring(2));
            } else if (e.startsWith("tag ")) {
                assertThat(r.tag()).isEqualTo(e.substring(4));
            }
        }
        if (b.directive().startsWith("rows")) {
            List<String> actual = new ArrayList<>(r.rows());
            if (unordered) {
                actual.sort(null);
                expected.sort(null);
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    private static void checkError(SqlSession session, Block b, String[] d) {
        try {
            Result r = execute(session, b.sql());
            throw new AssertionError("expected error " + d[1] + " but got " + r.tag() + " " + r.rows());
        } catch (SqlException e) {
            String got = e.sqlState() + " " + e.getMessage() + (e.detail() == null ? "" : " / " + e.detail()) + " @" + e.position();
            assertThat(e.sqlState()).as(got).isEqualTo(d[1]);
            if (d.length > 3 && d[2].equals("position")) {
                assertThat(e.position()).as(got).isEqualTo(Integer.parseInt(d[3]));
            }
            for (String x : b.expectations()) {
                if (x.startsWith("! ")) {
                    assertThat(e.getMessage() + " / " + e.detail()).as(got).contains(x.substring(2));
                }
            }
        }
    }
}
