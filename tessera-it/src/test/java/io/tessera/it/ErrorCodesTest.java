package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;

/** Bad input gets PostgreSQL's SQLSTATE and the session (and node) keeps serving. */
class ErrorCodesTest {
    static NodeProcess node;

    @BeforeAll
    static void setUp() throws Exception {
        node = SharedNode.get();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS err_t (id INT PRIMARY KEY, name VARCHAR(3) NOT NULL, n INT)");
            s.execute("DELETE FROM err_t");
            s.execute("INSERT INTO err_t VALUES (1, 'abc', 10)");
        }
    }

    @ParameterizedTest(name = "{1} from: {0}")
    @CsvSource(delimiter = '|', value = {
        "SELEC 1                                          | 42601",
        "SELECT * FROM no_such_table                      | 42P01",
        "SELECT no_such_column FROM err_t                 | 42703",
        "SELECT 'abc'::int                                | 22P02",
        "INSERT INTO err_t VALUES (1, 'dup', 0)           | 23505",
        "INSERT INTO err_t VALUES (2, NULL, 0)            | 23502",
        "INSERT INTO err_t VALUES (3, 'toolong', 0)       | 22001",
        "SELECT 1 / 0                                     | 22012",
        "SELECT n / 0 FROM err_t                          | 22012",
        "SELECT 2147483647 + 1                            | 22003",
        "INSERT INTO err_t VALUES ('x', 'a', 0)           | 22P02",
        "CREATE TRIGGER trg AFTER INSERT ON err_t FOR EACH ROW EXECUTE FUNCTION f() | 0A000",
    })
    void statementFailsWithSqlState(String sql, String sqlState) throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            PSQLException e = catchThrowableOfType(PSQLException.class, () -> s.execute(sql));
            assertThat((Object) e).as("expected an error from: " + sql).isNotNull();
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState);
            // the same connection keeps working
            assertThat(s.execute("SELECT 1")).isTrue();
        }
        assertCommittedDataUnchanged();
    }

    @Test
    void syntaxErrorCarriesPosition() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            PSQLException e = catchThrowableOfType(PSQLException.class, () -> s.execute("SELECT 1 FROM err_t WHERE WHERE"));
            assertThat(e.getSQLState()).isEqualTo("42601");
            assertThat(e.getServerErrorMessage().getPosition()).isGreaterThan(0);
        }
    }

    /**
     * Deeply nested parentheses make the parser's backtracking exponential: the statement fails
     * with 54001 after the parse deadline instead of holding the connection's thread, and the
     * nested conditions SQLite's index tests write (twenty deep, valid) still parse at once.
     */
    @Test
    void aStatementTooNestedToParseIs54001AndTheNodeKeepsServing() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            String nested = "(".repeat(40) + "1" + ")".repeat(40);
            PSQLException e = catchThrowableOfType(PSQLException.class, () -> s.execute("SELECT " + nested + " +"));
            assertThat(e.getSQLState()).isEqualTo("54001");
            String deep = "(".repeat(20) + "id > 0 OR id < 5" + ")".repeat(20);
            try (var rs = s.executeQuery("SELECT count(*) FROM err_t WHERE " + deep + " AND (id IN (1, 2) OR " + deep + ")")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void unsupportedStatementNamesTheFeature() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            SQLException e = catchThrowableOfType(SQLException.class,
                    () -> s.execute("CREATE TRIGGER trg AFTER INSERT ON err_t FOR EACH ROW EXECUTE FUNCTION f()"));
            assertThat(e.getMessage()).containsIgnoringCase("trigger");
        }
    }

    private static void assertCommittedDataUnchanged() throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT id, name, n FROM err_t ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("abc");
            assertThat(rs.getInt(3)).isEqualTo(10);
            assertThat(rs.next()).isFalse();
        }
    }
}
