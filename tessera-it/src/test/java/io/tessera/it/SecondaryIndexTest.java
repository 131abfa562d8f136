package io.tessera.it;

import static io.tessera.it.JdbcRows.collect;
import static io.tessera.it.JdbcRows.explain;
import static io.tessera.it.JdbcRows.query;
import static io.tessera.it.JdbcRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * Secondary indexes through pgjdbc against a real node: CREATE INDEX over a table that holds rows
 * (backfill), lookups through the index answering what a scan answers, EXPLAIN naming the index,
 * unique violations, DROP INDEX, and the index surviving a restart.
 */
class SecondaryIndexTest {
    private static final int ROWS = 3_000;

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
    void indexLookupsMatchScansAndTheIndexSurvivesARestart() throws Exception {
        node = NodeProcess.start(tmp);
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, email TEXT, city TEXT) WITH (fragments = 4)");
            fill(c);
            s.execute("CREATE UNIQUE INDEX users_email ON users (email)");
            s.execute("CREATE INDEX IF NOT EXISTS users_city ON users (city) INCLUDE (email)");
            s.execute("CREATE INDEX IF NOT EXISTS users_city ON users (city)"); // skipped with a notice

            assertThat(explain(c, "SELECT id FROM users WHERE email = 'u77@example.com'"))
                    .first().asString().isEqualTo("Index Scan using users_email on users");
            assertThat(explain(c, "SELECT id FROM users WHERE email = 'u77@example.com'"))
                    .contains("  fragments: 1 of 4 (index), rows fetched by primary key");
            try (PreparedStatement p = c.prepareStatement("SELECT id, city FROM users WHERE email = ?")) {
                for (int id : new int[] {1, 77, 1500, ROWS}) {
                    p.setString(1, "u" + id + "@example.com");
                    assertThat(rows(p)).containsExactly(id + "|city" + id % 10);
                }
                p.setString(1, "nobody@example.com");
                assertThat(rows(p)).isEmpty();
                p.setString(1, null);
                assertThat(rows(p)).as("NULL equals nothing").isEmpty();
            }
            assertThat(sorted(query(c, "SELECT id FROM users WHERE city = 'city3'")))
                    .isEqualTo(sorted(query(c, "SELECT id FROM users WHERE city || '' = 'city3'")))
                    .hasSize(ROWS / 10);

            assertUniqueViolation(() -> s.execute("INSERT INTO users VALUES (" + (ROWS + 1) + ", 'u5@example.com', 'x')"),
                    "duplicate key value violates unique constraint \"users_email\"", "Key (email)=(u5@example.com) already exists.");
            s.execute("UPDATE users SET email = 'moved@example.com' WHERE id = 5");
            s.execute("INSERT INTO users VALUES (" + (ROWS + 1) + ", 'u5@example.com', 'x')");
            assertThat(query(c, "SELECT id FROM users WHERE email = 'u5@example.com'")).containsExactly(String.valueOf(ROWS + 1));

            assertUniqueViolation(() -> s.execute("CREATE UNIQUE INDEX users_city_unique ON users (city)"),
                    "could not create unique index \"users_city_unique\"", "is duplicated.");
            assertThat(query(c, "SELECT count(*) FROM pg_class WHERE relname = 'users_city_unique'")).containsExactly("0");
            assertThat(indexNames(c)).contains("users_email", "users_city", "users_pkey").doesNotContain("users_city_unique");
        }

        assertThat(node.stop()).isIn(0, 130, 143);
        node.restart();

        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            assertThat(explain(c, "SELECT id FROM users WHERE email = 'u9@example.com'"))
                    .first().asString().isEqualTo("Index Scan using users_email on users");
            assertThat(query(c, "SELECT id FROM users WHERE email = 'u9@example.com'")).containsExactly("9");
            s.execute("INSERT INTO users VALUES (" + (ROWS + 2) + ", 'after@example.com', 'city3')");
            assertThat(query(c, "SELECT id FROM users WHERE city = 'city3'")).hasSize(ROWS / 10 + 1);
            assertUniqueViolation(() -> s.execute("INSERT INTO users VALUES (" + (ROWS + 3) + ", 'after@example.com', 'y')"),
                    "duplicate key value violates unique constraint \"users_email\"", "Key (email)=(after@example.com)");

            s.execute("DROP INDEX users_email");
            s.execute("DROP INDEX IF EXISTS users_email");
            assertThatThrownBy(() -> s.execute("DROP INDEX users_email"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42704"));
            assertThat(explain(c, "SELECT id FROM users WHERE email = 'u9@example.com'"))
                    .first().asString().isEqualTo("Full Scan on users");
            assertThat(query(c, "SELECT id FROM users WHERE email = 'u9@example.com'")).containsExactly("9");
            s.execute("INSERT INTO users VALUES (" + (ROWS + 3) + ", 'after@example.com', 'y')");
        }
    }

    @Test
    void rowsWrittenDuringTheBackfillAreIndexed() throws Exception {
        node = NodeProcess.start(tmp);
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, email TEXT, city TEXT) WITH (fragments = 4)");
            fill(c);
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        Thread writer = new Thread(() -> {
            try (Connection w = node.connect(); Statement ws = w.createStatement()) {
                for (int id = ROWS + 1; !stop.get(); id++) {
                    ws.execute("INSERT INTO users VALUES (" + id + ", 'u" + id + "@example.com', 'city" + id % 10 + "')");
                    ws.execute("UPDATE users SET city = 'moved' WHERE id = " + (id - ROWS));
                    written.incrementAndGet();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        while (written.get() < 20) {
            Thread.sleep(10);
        }
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE INDEX users_city ON users (city)");
            s.execute("CREATE UNIQUE INDEX users_email ON users (email)");
            stop.set(true);
            writer.join();
            assertThat(written.get()).isGreaterThan(20);
            for (String city : List.of("moved", "city0", "city7")) {
                assertThat(explain(c, "SELECT id FROM users WHERE city = '" + city + "'")).first().asString()
                        .startsWith("Index Scan using users_city");
                assertThat(sorted(query(c, "SELECT id FROM users WHERE city = '" + city + "'")))
                        .isEqualTo(sorted(query(c, "SELECT id FROM users WHERE city || '' = '" + city + "'")));
            }
            assertThat(query(c, "SELECT count(*) FROM users WHERE city = 'moved'")).containsExactly(String.valueOf(written.get()));
            int last = ROWS + written.get();
            assertThat(query(c, "SELECT id FROM users WHERE email = 'u" + last + "@example.com'")).containsExactly(String.valueOf(last));
        }
    }

    @Test
    void psqlDescribeListsTheIndexes() throws Exception {
        node = NodeProcess.start(tmp);
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, sku TEXT, shelf INT)");
            s.execute("INSERT INTO items VALUES (1, 'a', 1), (2, 'b', 1)");
            s.execute("CREATE UNIQUE INDEX items_sku ON items (sku)");
            s.execute("CREATE INDEX ON items (shelf)");
        }
        Psql.Result r = Psql.run(node, "\\d items");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).contains("Indexes:", "\"items_pkey\" PRIMARY KEY, btree (id)",
                "\"items_sku\" UNIQUE, btree (sku)", "\"items_shelf_idx\" btree (shelf)");
    }

    private static void fill(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO users SELECT g, 'u' || g || '@example.com', 'city' || (g % 10)"
                    + " FROM generate_series(1, " + ROWS + ") g");
        }
    }

    private static List<String> indexNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getIndexInfo(null, "public", "users", false, false)) {
            while (rs.next()) {
                names.add(rs.getString("INDEX_NAME"));
            }
        }
        return names;
    }

    private interface Action {
        void run() throws SQLException;
    }

    private static void assertUniqueViolation(Action action, String message, String detail) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("23505");
            assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(message);
            assertThat(e.getServerErrorMessage().getDetail()).contains(detail);
        });
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
