package io.tessera.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableStatistics;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.SqlSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inner joins planned as a whole (conditions pushed into each table's scan, the tables joined in
 * the order their estimated sizes suggest) must answer what joining left to right and filtering
 * afterwards answers; ANALYZE's statistics must change the plan, never the answer.
 */
class JoinPlanningTest {
    private static final long SEED = 20261129L;
    private static final int QUERIES = 150;

    private final TestEngines t = new TestEngines();
    private SqlSession s;

    @BeforeEach
    void tables() {
        s = t.session();
        run("CREATE TABLE region (id INT PRIMARY KEY, name TEXT)");
        run("CREATE TABLE customer (id INT PRIMARY KEY, region INT, tier INT, name TEXT) WITH (fragments = 3)");
        run("CREATE TABLE orders (id INT PRIMARY KEY, customer INT, amount INT, status TEXT) WITH (fragments = 3)");
        run("INSERT INTO region SELECT g, 'r' || g FROM generate_series(1, 5) g");
        run("INSERT INTO customer SELECT g, g % 5 + 1, g % 3, 'c' || g FROM generate_series(1, 60) g");
        run("INSERT INTO orders SELECT g, g % 70 + 1, g * 7 % 100, CASE WHEN g % 4 = 0 THEN 'open' ELSE 'done' END"
                + " FROM generate_series(1, 400) g");
        run("CREATE INDEX orders_status ON orders (status)");
        run("CREATE INDEX orders_customer ON orders (customer)");
    }

    @Test
    void reorderedJoinsAnswerWhatLeftToRightJoinsAnswer() {
        Random random = new Random(SEED);
        for (int q = 0; q < QUERIES; q++) {
            String[] query = query(random);
            List<String> planned = run(query[0]);
            List<String> leftToRight = run(query[1]);
            planned.sort(null);
            leftToRight.sort(null);
            assertThat(planned).as("seed %d query %d: %s", SEED, q, query[0]).isEqualTo(leftToRight);
        }
    }

    @Test
    void analyzedStatisticsGiveTheSameAnswers() {
        run("ANALYZE");
        reorderedJoinsAnswerWhatLeftToRightJoinsAnswer();
    }

    /**
     * The query twice: as written, and with a LEFT JOIN to one row appended, which keeps every row
     * but makes the planner join the FROM items left to right and filter after the joins.
     */
    private static String[] query(Random r) {
        List<String> from = new ArrayList<>(List.of("orders o", "customer c", "region g"));
        java.util.Collections.shuffle(from, r);
        List<String> where = new ArrayList<>();
        if (r.nextInt(4) != 0) {
            where.add("o.customer = c.id");
        }
        if (r.nextInt(4) != 0) {
            where.add(r.nextBoolean() ? "c.region = g.id" : "g.id = c.region");
        }
        switch (r.nextInt(6)) {
            case 0 -> where.add("o.status = 'open'");
            case 1 -> where.add("c.id = " + r.nextInt(70));
            case 2 -> where.add("o.amount > " + r.nextInt(100));
            case 3 -> where.add("g.id IN (" + r.nextInt(6) + ", " + r.nextInt(6) + ")");
            case 4 -> where.add("o.amount + c.tier > g.id * 20");
            default -> where.add("c.name <> 'c7' OR o.id < 10");
        }
        String select = "SELECT o.id, c.id, g.name FROM ";
        String condition = String.join(" AND ", where);
        String oneRow = " LEFT JOIN (SELECT 1 AS one) x ON true";
        if (r.nextBoolean()) {
            String items = String.join(", ", from);
            return new String[] {select + items + " WHERE " + condition, select + items + oneRow + " WHERE " + condition};
        }
        String joined = from.get(0) + " JOIN " + from.get(1) + " ON true JOIN " + from.get(2) + " ON " + condition;
        return new String[] {select + joined, select + joined + oneRow};
    }

    @Test
    void conditionsOnOneTableReachItsScanAndEqualitiesBecomeHashJoins() {
        String plan = explain("SELECT * FROM orders o, customer c WHERE o.customer = c.id AND c.id = 7");
        assertThat(plan).contains("Hash Join").contains("Point Get on customer").contains("Key Cond: (id = 7)")
                .doesNotContain("Nested Loop");
        assertThat(plan).as("c.id = 7 carried across o.customer = c.id to orders' index")
                .contains("Index Scan using orders_customer on orders").contains("Index Cond: (customer = 7)");
        assertThat(run("SELECT count(*) FROM orders o, customer c WHERE o.customer = c.id AND c.id = 7"))
                .containsExactly("[6]");
    }

    @Test
    void fewOuterRowsReadTheOtherTableByKey() {
        String query = "SELECT o.id, c.name, g.name FROM orders o JOIN customer c ON o.customer = c.id"
                + " JOIN region g ON g.id = c.region WHERE o.id = 146";
        String plan = explain(query);
        assertThat(plan).contains("Nested Loop").contains("Point Get on customer").contains("Key Cond: (id = o.customer)")
                .contains("Point Get on region").contains("Key Cond: (id = c.region)").doesNotContain("Full Scan");
        assertThat(run(query)).containsExactly("[146, c7, r3]");
        assertThat(explain("SELECT * FROM customer c JOIN orders o ON o.customer = c.id WHERE c.id = 9 AND c.tier = 0"))
                .as("by a secondary index").contains("Index Scan using orders_customer on orders");
    }

    @Test
    void analyzeStoresRowCountsAndDistinctValues() {
        run("ANALYZE orders");
        TableStatistics stats = t.catalog.table("orders").orElseThrow().statistics();
        assertThat(stats.rowCount()).isEqualTo(400);
        TableDescriptor orders = t.catalog.table("orders").orElseThrow();
        assertThat(stats.column(orders.columns().get(orders.columnIndex("status")).id()).distinct()).isEqualTo(2);
        assertThat(stats.column(orders.columns().get(orders.columnIndex("customer")).id()).distinct()).isEqualTo(70);
        assertThat(t.catalog.table("customer").orElseThrow().statistics()).isNull();
    }

    @Test
    void anIndexThatWouldReturnMuchOfAnAnalyzedTableIsNotUsed() {
        String query = "SELECT count(*) FROM orders WHERE status = 'open'";
        assertThat(explain(query)).as("no statistics yet: the index is taken").contains("Index Scan using orders_status");
        run("ANALYZE orders");
        assertThat(explain(query)).as("a quarter of the rows: a full scan is cheaper").contains("Full Scan on orders")
                .doesNotContain("orders_status");
        assertThat(explain("SELECT count(*) FROM orders WHERE customer = 5")).contains("Index Scan using orders_customer");
        assertThat(run(query)).containsExactly("[100]");
    }

    @Test
    void theSmallerFilteredTableIsJoinedFirst() {
        run("ANALYZE");
        String plan = explain("SELECT * FROM region g JOIN customer c ON g.id = c.region JOIN orders o ON o.customer = c.id"
                + " WHERE g.name = 'r2'");
        List<String> scans = plan.lines().filter(l -> l.contains(" on ")).map(String::strip).toList();
        assertThat(scans).as(plan).hasSize(3);
        assertThat(scans.get(0)).as("customer streams past the hash table of the one region").contains("on customer");
        assertThat(scans.get(1)).as(plan).contains("Full Scan on region");
        assertThat(scans.get(2)).as("the dozen customers found read their orders through the index")
                .contains("Index Scan using orders_customer on orders");
        assertThat(plan).contains("Nested Loop").contains("Hash Join");
        assertThat(run("SELECT count(*) FROM region g JOIN customer c ON g.id = c.region JOIN orders o ON o.customer = c.id"
                + " WHERE g.name = 'r2'")).containsExactly("[70]");
    }

    private String explain(String sql) {
        return String.join("\n", run("EXPLAIN " + sql).stream().map(r -> r.substring(1, r.length() - 1)).toList());
    }

    private List<String> run(String sql) {
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
