package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL surface of transactions through pgjdbc: isolation levels and their settings, SELECT ...
 * FOR UPDATE, upserts with RETURNING. Concurrency itself is tested with the transaction layer.
 */
class TransactionSyntaxTest {
    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = SharedNode.get();
    }

    private static String show(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void setTransactionLastsUntilCommit() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            assertThat(show(s, "SHOW transaction_isolation")).isEqualTo("read committed");
            c.setAutoCommit(false); // pgjdbc sends BEGIN before the next statement
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            assertThat(show(s, "SHOW transaction_isolation")).isEqualTo("repeatable read");
            assertThat(show(s, "SELECT current_setting('transaction_isolation')")).isEqualTo("repeatable read");
            c.commit();
            assertThat(show(s, "SHOW transaction_isolation")).isEqualTo("read committed");
            c.setAutoCommit(true);
        }
    }

    @Test
    void pgjdbcIsolationApiRoundTrips() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(show(s, "SHOW default_transaction_isolation")).isEqualTo("serializable");
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            s.execute("SET default_transaction_isolation = 'read committed'");
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    @Test
    void anUnknownLevelIs22023() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SET default_transaction_isolation = 'sometimes'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
                    .hasMessageContaining("invalid value for parameter \"default_transaction_isolation\"");
            assertThatThrownBy(() -> s.execute("BEGIN ISOLATION LEVEL SOMETIMES"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"));
            s.execute("START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE, NOT DEFERRABLE");
            s.execute("COMMIT");
        }
    }

    /** PostgreSQL's implicit transaction: what runs between two Syncs, or in one simple Query, commits or fails as one. */
    @Test
    void aBatchAndAMultiStatementQueryAreEachOneTransaction() throws Exception {
        try (Connection c = node.connect(); Connection other = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE txs_batch (id INT PRIMARY KEY, v TEXT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO txs_batch VALUES (?, ?)")) {
                for (int id : new int[] {1, 2, 3, 1}) {
                    ps.setInt(1, id);
                    ps.setString(2, "v" + id);
                    ps.addBatch();
                }
                assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("23505"));
                assertThat(count(other, "SELECT count(*) FROM txs_batch")).as("a batch with a duplicate inserts nothing").isZero();
                for (int id : new int[] {1, 2, 3}) {
                    ps.setInt(1, id);
                    ps.setString(2, "v" + id);
                    ps.addBatch();
                }
                assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
            }
            assertThat(count(other, "SELECT count(*) FROM txs_batch")).isEqualTo(3);
            assertThatThrownBy(() -> s.execute("INSERT INTO txs_batch VALUES (10, 'a'); INSERT INTO txs_batch VALUES (2, 'b')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThat(count(other, "SELECT count(*) FROM txs_batch WHERE id = 10")).as("the first INSERT of the Query").isZero();
            s.execute("INSERT INTO txs_batch VALUES (10, 'a'); UPDATE txs_batch SET v = 'b' WHERE id = 2");
            assertThat(count(other, "SELECT count(*) FROM txs_batch WHERE id = 10 OR v = 'b'")).isEqualTo(2);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void forUpdateReturnsTheRows() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE txs_acct (id INT PRIMARY KEY, balance INT)");
            s.execute("INSERT INTO txs_acct SELECT g, g * 10 FROM generate_series(1, 50) g");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("SELECT id, balance FROM txs_acct WHERE id = ANY(?) ORDER BY id FOR UPDATE")) {
                p.setArray(1, c.createArrayOf("int4", new Integer[] {3, 7, 49}));
                List<Integer> balances = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        balances.add(rs.getInt(2));
                    }
                }
                assertThat(balances).containsExactly(30, 70, 490);
            }
            s.execute("UPDATE txs_acct SET balance = balance - 5 WHERE id = 3");
            c.commit();
            c.setAutoCommit(true);
            // A locking query inside FROM locks its own rows; the count over it is unchanged.
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(balance) FROM (SELECT id, balance FROM txs_acct FOR SHARE) x")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(50);
                assertThat(rs.getLong(2)).isEqualTo(12750 - 5);
            }
            assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM txs_acct FOR UPDATE"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        }
    }

    @Test
    void upsertReturnsTheWrittenRows() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE txs_counter (k TEXT PRIMARY KEY, n INT NOT NULL)");
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO txs_counter VALUES (?, 1) ON CONFLICT (k) DO UPDATE SET n = txs_counter.n + EXCLUDED.n RETURNING n")) {
                for (int expected = 1; expected <= 3; expected++) {
                    p.setString(1, "hits");
                    try (ResultSet rs = p.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(1)).isEqualTo(expected);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("UPDATE txs_counter SET n = 0 WHERE k = 'hits' RETURNING k, n")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("hits");
                assertThat(rs.getInt(2)).isZero();
            }
            try (ResultSet rs = s.executeQuery("DELETE FROM txs_counter RETURNING k")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
