package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real pgjdbc 42.7.14 driver against the server (scripted engine behind it). */
class PgServerJdbcTest {
    private final ServerFixture fx;

    PgServerJdbcTest() throws IOException {
        fx = new ServerFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private Connection connect(String... properties) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "tessera");
        p.setProperty("password", "");
        for (int i = 0; i < properties.length; i += 2) {
            p.setProperty(properties[i], properties[i + 1]);
        }
        return DriverManager.getConnection(fx.jdbcUrl(), p);
    }

    @Test
    void connectsAndRunsAStatement() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("int4");
            assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("15.20");
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void applicationNameComesBackThroughParameterStatus() throws SQLException {
        try (Connection c = connect()) {
            assertThat(c.getClientInfo("ApplicationName")).isEqualTo("PostgreSQL JDBC Driver");
            c.setClientInfo("ApplicationName", "billing");
            assertThat(c.getClientInfo("ApplicationName")).isEqualTo("billing");
            assertThat(fx.lastSession().settings).containsEntry("application_name", "billing");
        }
    }

    /** Runs 7 times: unnamed statements first, then the named S_1 with binary results from the 6th run on. */
    @Test
    void preparedStatementRoundTripsEveryParameterTypeAcrossServerSidePrepare() throws SQLException {
        String sql = "SELECT ?::int8 AS l, ?::bool AS b, ?::timestamptz AS ts, ?::date AS d, ?::float8 AS f, ?::bytea AS y, ?::text AS t";
        Instant instant = Instant.parse("2024-01-02T03:04:05.123456Z");
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int run = 1; run <= 7; run++) {
                ps.setLong(1, 1234567890123L);
                ps.setBoolean(2, true);
                ps.setTimestamp(3, Timestamp.from(instant));
                ps.setObject(4, LocalDate.of(2024, 1, 2));
                ps.setDouble(5, 1.5);
                ps.setBytes(6, new byte[] {1, 2, 3});
                ps.setString(7, "héllo " + run);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong("l")).isEqualTo(1234567890123L);
                    assertThat(rs.getBoolean("b")).isTrue();
                    assertThat(rs.getObject("ts", OffsetDateTime.class).toInstant()).isEqualTo(instant);
                    assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
                    assertThat(rs.getDouble("f")).isEqualTo(1.5);
                    assertThat(rs.getBytes("y")).containsExactly(1, 2, 3);
                    assertThat(rs.getString("t")).isEqualTo("héllo " + run);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    /** prepareThreshold -1 makes pgjdbc describe first and ask for binary results of every type it can read in binary. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-1"})
    void everyColumnTypeReadsTheSameInTextAndBinary(String prepareThreshold) throws SQLException {
        try (Connection c = connect("prepareThreshold", prepareThreshold);
                PreparedStatement ps = c.prepareStatement("select * from types");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getShort("i2")).isEqualTo((short) -2);
            assertThat(rs.getInt("i4")).isEqualTo(123456);
            assertThat(rs.getLong("i8")).isEqualTo(1234567890123L);
            assertThat(rs.getFloat("f4")).isEqualTo(1.5f);
            assertThat(rs.getDouble("f8")).isEqualTo(-2.25);
            assertThat(rs.getBoolean("b")).isTrue();
            assertThat(rs.getString("t")).isEqualTo("text é");
            assertThat(rs.getString("vc")).isEqualTo("varchar");
            assertThat(rs.getString("bp")).isEqualTo("ab ");
            assertThat(rs.getString("nm")).isEqualTo("pg_name");
            assertThat(rs.getLong("o")).isEqualTo(4000000000L);
            assertThat(rs.getBigDecimal("n")).isEqualTo(new BigDecimal("12345.678"));
            assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
            assertThat(rs.getObject("tstz", OffsetDateTime.class).toInstant()).isEqualTo(Instant.parse("2026-11-29T06:55:42.943697Z"));
            assertThat(rs.getBytes("y")).containsExactly(1, 2, 3);
            assertThat(rs.getString("j")).isEqualTo("{\"a\": 1}");
            assertThat(rs.getString("nul")).isNull();
            ResultSetMetaData md = rs.getMetaData();
            // Only what pgjdbc derives from RowDescription; type names of table columns would query the catalog.
            assertThat(md.getColumnType(8)).isEqualTo(java.sql.Types.VARCHAR);
            assertThat(md.getPrecision(8)).isEqualTo(10);
            assertThat(md.getPrecision(12)).isEqualTo(10);
            assertThat(md.getScale(12)).isEqualTo(3);
            assertThat(md.getColumnType(17)).isEqualTo(java.sql.Types.OTHER);
        }
    }

    @Test
    void fetchSizeInATransactionReadsThroughSuspendedPortals() throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT aid FROM accounts WHERE aid <= ? ORDER BY aid")) {
                ps.setFetchSize(3);
                ps.setInt(1, 7);
                List<Integer> seen = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.add(rs.getInt(1));
                    }
                }
                assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6, 7);
            }
            c.commit();
        }
        // Three Executes of the query (7 rows, 3 at a time) and one of COMMIT: the portal was resumed, not read at once.
        assertThat(fx.counters.messages('E')).isEqualTo(4);
    }

    @Test
    void errorsCarrySqlStateAndTheTransactionRecovers() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELEC 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42601");
                        assertThat(e.getMessage()).contains("syntax error at or near \"SELEC\"").contains("Position: 1");
                    });
            c.setAutoCommit(false);
            assertThatThrownBy(() -> s.executeQuery("select 1/0"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22012"));
            assertThatThrownBy(() -> s.executeQuery("select 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            c.rollback();
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
            c.commit();
            assertThatThrownBy(() -> s.executeQuery("select boom()"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("XX000"));
            c.rollback();
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void batchesArePipelinedAndAnswered() throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
            for (int i = 0; i < 4; i++) {
                ps.setInt(1, i);
                ps.addBatch();
            }
            ps.setNull(1, java.sql.Types.INTEGER);
            ps.addBatch();
            assertThat(ps.executeBatch()).containsExactly(1, 1, 1, 1, 1);
            assertThat(fx.engine.inserted).containsExactly(0, 1, 2, 3, "NULL");
        }
    }

    @Test
    void multiStatementStringGivesSeveralResults() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(s.execute("SELECT 1; SELECT 2")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void statementCancelUsesCancelRequest() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            CompletableFuture<SQLException> running = CompletableFuture.supplyAsync(() -> {
                try {
                    s.executeQuery("select pg_sleep(60)");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            assertThat(fx.engine.sleeping.await(10, TimeUnit.SECONDS)).isTrue();
            s.cancel();
            SQLException e = running.get(10, TimeUnit.SECONDS);
            assertThat((Throwable) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void targetServerTypePrimaryAcceptsThisServer() throws SQLException {
        try (Connection c = connect("targetServerType", "primary"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 42")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void manyConnectionsAreServedAtOnce() throws Exception {
        int clients = 40;
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                results.add(executor.submit(() -> {
                    int sum = 0;
                    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                            "SELECT aid FROM accounts WHERE aid <= ? ORDER BY aid")) {
                        for (int run = 0; run < 10; run++) {
                            ps.setInt(1, 5);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    sum += rs.getInt(1);
                                }
                            }
                        }
                    }
                    return sum;
                }));
            }
            for (var r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo(150);
            }
        }
        ServerFixture.await("all sessions closed", () -> fx.server.sessionCount() == 0);
        assertThat(fx.counters.connectionsOpened()).isEqualTo(clients);
    }

    @Test
    void closingWithAnOpenTransactionRollsItBack() throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                ps.setInt(1, 5);
                ps.executeUpdate();
            }
        }
        ServerFixture.await("session closed", () -> fx.lastSession().closed);
        assertThat(fx.lastSession().closedInTransaction).isTrue();
    }
}
