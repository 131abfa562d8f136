package io.tessera.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.SqlSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reading only the keys a primary-key predicate needs must not change a query's answer: each
 * random predicate is run as written (pushed down to key lookups and bounded scans) and disguised
 * so that nothing can be pushed down (a full scan and a filter), and the answers must agree.
 */
class KeyAccessEquivalenceTest {
    private static final long SEED = 20240102L;
    private static final int QUERIES = 300;

    @Test
    void pushedDownPredicatesReturnWhatAFullScanReturns() {
        TestEngines t = new TestEngines();
        SqlSession s = t.session();
        run(s, "CREATE TABLE k (a INT, b TEXT, v INT, PRIMARY KEY (a, b)) WITH (fragments = 3)");
        Random random = new Random(SEED);
        StringBuilder insert = new StringBuilder("INSERT INTO k VALUES ");
        for (int i = 0; i < 400; i++) {
            insert.append(i == 0 ? "" : ", ").append("(").append(random.nextInt(41) - 20).append(", 'b")
                    .append(i % 13).append("-").append(i).append("', ").append(i).append(")");
        }
        run(s, insert.toString());
        for (int q = 0; q < QUERIES; q++) {
            String[] predicate = predicate(random);
            List<String> pushed = run(s, "SELECT a, b, v FROM k WHERE " + predicate[0]);
            List<String> scanned = run(s, "SELECT a, b, v FROM k WHERE " + predicate[1]);
            pushed.sort(null);
            scanned.sort(null);
            assertThat(pushed).as("seed %d query %d: %s", SEED, q, predicate[0]).isEqualTo(scanned);
        }
    }

    /** The predicate twice: as written, and with the key columns hidden behind expressions. */
    private static String[] predicate(Random r) {
        List<String> terms = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        int shape = r.nextInt(5);
        if (shape != 4) {
            String[] a = aTerm(r, "a");
            terms.add(a[0]);
            hidden.add(a[1].replace("a ", "(a + 0) ").replace("a)", "(a + 0))"));
        }
        if (shape == 1 || shape == 2 || shape == 4) {
            String op = List.of("=", "<", "<=", ">", ">=").get(r.nextInt(5));
            String value = "'b" + r.nextInt(13) + (r.nextBoolean() ? "-" + r.nextInt(400) : "") + "'";
            terms.add("b " + op + " " + value);
            hidden.add("(b || '') " + op + " " + value);
        }
        if (shape == 2) {
            terms.add("v % 2 = 0");
            hidden.add("v % 2 = 0");
        }
        return new String[] {String.join(" AND ", terms), String.join(" AND ", hidden)};
    }

    private static String[] aTerm(Random r, String column) {
        String value = List.of("0", "5", "-20", "20", "21", "3000000000", "-3000000000", "NULL").get(r.nextInt(8));
        return switch (r.nextInt(5)) {
            case 0 -> pair(column + " = " + value);
            case 1 -> pair(column + " " + List.of("<", "<=", ">", ">=").get(r.nextInt(4)) + " " + value);
            case 2 -> pair(column + " IN (" + value + ", " + (r.nextInt(41) - 20) + ", " + (r.nextInt(41) - 20) + ")");
            case 3 -> pair(column + " BETWEEN " + (r.nextInt(41) - 25) + " AND " + (r.nextInt(41) - 15));
            default -> pair(value + " " + List.of("<", ">=").get(r.nextInt(2)) + " " + column + " AND " + column + " <> 3");
        };
    }

    private static String[] pair(String s) {
        return new String[] {s, s};
    }

    private static List<String> run(SqlSession s, String sql) {
        List<String> rows = new ArrayList<>();
        try (Cursor c = s.execute(s.prepare(sql, List.of()), List.of())) {
            for (Object[] row = c.next(); row != null; row = c.next()) {
                rows.add(Arrays.toString(row));
            }
        }
        s.sync();
        return rows;
    }
}
