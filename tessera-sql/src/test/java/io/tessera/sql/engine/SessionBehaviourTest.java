package io.tessera.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.common.types.SqlType;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.PreparedStatement;
import io.tessera.sql.api.ResultColumn;
import io.tessera.sql.api.SqlSession;
import io.tessera.sql.api.TransactionStatus;
import io.tessera.sql.spi.Oids;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionBehaviourTest {
    private final TestEngines t = new TestEngines();
    private final SqlSession s = t.session();

    private List<Object[]> run(String sql, Object... params) {
        PreparedStatement p = s.prepare(sql, List.of());
        List<Object[]> rows = new ArrayList<>();
        try (Cursor c = s.execute(p, List.of(params))) {
            for (Object[] r = c.next(); r != null; r = c.next()) {
                rows.add(r);
            }
        }
        s.sync();
        return rows;
    }

    private String tag(String sql) {
        try (Cursor c = s.execute(s.prepare(sql, List.of()), List.of())) {
            while (c.next() != null) {
                // drain
            }
            String tag = c.commandTag();
            s.sync();
            return tag;
        }
    }

    @Test
    void parameterTypesAreInferredFromTheirContext() {
        run("CREATE TABLE p (id INT PRIMARY KEY, name VARCHAR(10), amount NUMERIC(8,2), at TIMESTAMPTZ)");
        PreparedStatement p = s.prepare("SELECT name, amount FROM p WHERE id = $1 AND name LIKE $2 AND amount > $3 LIMIT $4", List.of());
        assertThat(p.parameterTypes()).extracting(SqlType::kind).map(Enum::name)
                .containsExactly("INT4", "TEXT", "NUMERIC", "INT8");
        assertThat(p.resultColumns()).extracting(ResultColumn::name).containsExactly("name", "amount");
        assertThat(p.resultColumns().get(0).tableOid()).isEqualTo(Oids.tableOid(t.catalog.table("p").orElseThrow().id()));
        assertThat(p.resultColumns().get(0).columnNumber()).isEqualTo(2);

        PreparedStatement ins = s.prepare("INSERT INTO p VALUES ($1, $2, $3, $4)", List.of());
        assertThat(ins.parameterTypes()).extracting(SqlType::kind).map(Enum::name)
                .containsExactly("INT4", "VARCHAR", "NUMERIC", "TIMESTAMPTZ");
        assertThat(ins.resultColumns()).isEmpty();
        PreparedStatement unknown = s.prepare("SELECT $1", List.of());
        assertThat(unknown.parameterTypes()).containsExactly(SqlType.TEXT);
        PreparedStatement hinted = s.prepare("SELECT $1", List.of(SqlType.INT8));
        assertThat(hinted.parameterTypes()).containsExactly(SqlType.INT8);
    }

    @Test
    void aPreparedStatementRunsManyTimesAndReplansAfterACatalogChange() {
        run("CREATE TABLE r (id INT PRIMARY KEY, v TEXT)");
        PreparedStatement ins = s.prepare("INSERT INTO r VALUES ($1, $2)", List.of());
        for (int i = 0; i < 5; i++) {
            try (Cursor c = s.execute(ins, List.of(i, "v" + i))) {
                assertThat(c.next()).isNull();
                assertThat(c.commandTag()).isEqualTo("INSERT 0 1");
            }
        }
        PreparedStatement sel = s.prepare("SELECT * FROM r WHERE id = $1", List.of());
        try (Cursor c = s.execute(sel, List.of(3))) {
            assertThat(c.next()).containsExactly(3, "v3");
        }
        run("DROP TABLE r");
        run("CREATE TABLE r (id INT PRIMARY KEY, v TEXT, extra INT DEFAULT 7)");
        run("INSERT INTO r (id, v) VALUES (3, 'new')");
        try (Cursor c = s.execute(sel, List.of(3))) {
            assertThat(c.columns()).extracting(ResultColumn::name).containsExactly("id", "v", "extra");
            assertThat(c.next()).containsExactly(3, "new", 7);
        }
        run("DROP TABLE r");
        assertThatThrownBy(() -> s.execute(sel, List.of(3))).isInstanceOf(SqlException.class)
                .extracting(e -> ((SqlException) e).sqlState()).isEqualTo("42P01");
    }

    @Test
    void aMultiRowInsertWritesOneBatchPerFragment() {
        run("CREATE TABLE f (id INT PRIMARY KEY, v TEXT) WITH (fragments = 4)");
        t.kv.resetCounters();
        StringBuilder sql = new StringBuilder("INSERT INTO f VALUES ");
        for (int i = -500; i < 500; i++) {
            sql.append(i == -500 ? "" : ", ").append("(").append(i * 1000).append(", 'x')");
        }
        assertThat(tag(sql.toString())).isEqualTo("INSERT 0 1000");
        assertThat(t.kv.writes.get()).isEqualTo(4); // 1000 hashed keys cover all four fragments: one write each
        t.kv.resetCounters();
        assertThat(tag("UPDATE f SET v = 'y'")).isEqualTo("UPDATE 1000");
        assertThat(t.kv.writes.get()).isEqualTo(4);
        assertThat(run("SELECT count(*) FROM f WHERE v = 'y'").get(0)[0]).isEqualTo(1000L);
    }

    @Test
    void primaryKeyPredicatesReadOnlyTheKeysTheyNeed() {
        run("CREATE TABLE k (a INT, b TEXT, v INT, PRIMARY KEY (a, b)) WITH (fragments = 3)");
        StringBuilder sql = new StringBuilder("INSERT INTO k VALUES ");
        for (int i = 0; i < 300; i++) {
            sql.append(i == 0 ? "" : ", ").append("(").append(i % 30).append(", 'b").append(i).append("', ").append(i).append(")");
        }
        run(sql.toString());

        t.kv.resetCounters();
        assertThat(run("SELECT v FROM k WHERE a = 5 AND b = 'b35'")).hasSize(1);
        assertThat(t.kv.gets.get()).isEqualTo(1);
        assertThat(t.kv.scans.get()).isZero();

        t.kv.resetCounters();
        assertThat(run("SELECT v FROM k WHERE a IN (1, 2) AND b IN ('b1', 'b2', 'b32')")).hasSize(3);
        assertThat(t.kv.gets.get()).isEqualTo(6);
        assertThat(t.kv.scans.get()).isZero();

        t.kv.resetCounters();
        assertThat(run("SELECT v FROM k WHERE a = 7")).hasSize(10);
        assertThat(t.kv.scannedKeys.get()).isEqualTo(10);

        t.kv.resetCounters();
        assertThat(run("SELECT v FROM k WHERE a >= 10 AND a < 12")).hasSize(20);
        assertThat(t.kv.scannedKeys.get()).isEqualTo(20);

        t.kv.resetCounters();
        assertThat(run("SELECT v FROM k WHERE a = $1 AND b > $2", 3, "b3")).hasSize(3); // b33, b63, b93
        assertThat(t.kv.scannedKeys.get()).isEqualTo(3);

        t.kv.resetCounters();
        assertThat(run("DELETE FROM k WHERE a = 4 AND b = 'b4'")).isEmpty();
        assertThat(t.kv.scans.get()).isZero();
        assertThat(run("SELECT count(*) FROM k").get(0)[0]).isEqualTo(299L);
    }

    @Test
    void aLimitDoesNotReadTheWholeTable() {
        run("CREATE TABLE big (id INT PRIMARY KEY)");
        for (int chunk = 0; chunk < 5; chunk++) {
            StringBuilder sql = new StringBuilder("INSERT INTO big VALUES ");
            for (int i = 0; i < 1000; i++) {
                sql.append(i == 0 ? "" : ", ").append("(").append(chunk * 1000 + i).append(")");
            }
            run(sql.toString());
        }
        t.kv.resetCounters();
        assertThat(run("SELECT id FROM big LIMIT 3")).hasSize(3);
        assertThat(t.kv.scannedKeys.get()).isLessThanOrEqualTo(1024);

        t.kv.resetCounters();
        try (Cursor c = s.execute(s.prepare("SELECT id FROM big", List.of()), List.of())) {
            for (int i = 0; i < 10; i++) {
                assertThat(c.next()).containsExactly(i);
            }
            assertThat(t.kv.scannedKeys.get()).isLessThanOrEqualTo(1024);
        }
        assertThat(run("SELECT count(*) FROM big").get(0)[0]).isEqualTo(5000L);
    }

    @Test
    void cancelStopsARunningStatement() {
        run("CREATE TABLE c (id INT PRIMARY KEY)");
        run("INSERT INTO c VALUES (1), (2), (3)");
        Cursor c = s.execute(s.prepare("SELECT id FROM c", List.of()), List.of());
        assertThat(c.next()).containsExactly(1);
        s.cancel();
        assertThatThrownBy(c::next).isInstanceOf(SqlException.class)
                .hasMessage("canceling statement due to user request")
                .extracting(e -> ((SqlException) e).sqlState()).isEqualTo("57014");
        assertThat(run("SELECT count(*) FROM c").get(0)[0]).isEqualTo(3L);
    }

    @Test
    void statementTimeoutStopsAStatementThatRunsTooLong() {
        run("CREATE TABLE slow (id INT PRIMARY KEY)");
        run("INSERT INTO slow VALUES (1), (2)");
        run("SET statement_timeout = '10ms'");
        Cursor c = s.execute(s.prepare("SELECT id FROM slow", List.of()), List.of());
        assertThat(c.next()).containsExactly(1);
        t.nanos.addAndGet(11_000_000L);
        assertThatThrownBy(c::next).isInstanceOf(SqlException.class)
                .hasMessage("canceling statement due to statement timeout")
                .extracting(e -> ((SqlException) e).sqlState()).isEqualTo("57014");
        assertThat(run("SELECT count(*) FROM slow").get(0)[0]).isEqualTo(2L);
        run("SET statement_timeout = 0");
        assertThatThrownBy(() -> run("SET statement_timeout = 'soon'")).isInstanceOf(SqlException.class);
    }

    @Test
    void transactionStatusFollowsTheBlockAndItsFailure() {
        assertThat(s.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        run("BEGIN");
        assertThat(s.transactionStatus()).isEqualTo(TransactionStatus.IN_TRANSACTION);
        assertThatThrownBy(() -> run("SELECT * FROM nosuch")).isInstanceOf(SqlException.class);
        assertThat(s.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        assertThatThrownBy(() -> run("SELECT 1")).hasMessageContaining("current transaction is aborted");
        assertThat(tag("ROLLBACK")).isEqualTo("ROLLBACK");
        assertThat(s.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThatThrownBy(() -> run("SELECT 1/0")).isInstanceOf(SqlException.class);
        assertThat(s.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        run("BEGIN");
        Cursor failing = s.execute(s.prepare("SELECT 1/(x - 1) FROM (VALUES (2), (1)) v(x)", List.of()), List.of());
        assertThat(failing.next()).containsExactly(1);
        assertThatThrownBy(failing::next).isInstanceOf(SqlException.class);
        assertThat(s.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        assertThat(tag("COMMIT")).isEqualTo("ROLLBACK");
    }

    @Test
    void reportableSettingsAreReportedWhenTheyChange() {
        Map<String, String> initial = t.engine.initialParameterStatus(s);
        assertThat(initial.keySet()).containsExactly("application_name", "client_encoding", "DateStyle",
                "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
                "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");
        assertThat(initial.get("server_version")).startsWith("15.");
        assertThat(initial.get("application_name")).isEqualTo("tests");
        assertThat(initial.get("session_authorization")).isEqualTo("tessera");
        assertThat(s.drainParameterChanges()).isEmpty();
        run("SET application_name = 'PostgreSQL JDBC Driver'");
        run("SET extra_float_digits = 3");
        assertThat(s.drainParameterChanges()).containsExactly(Map.entry("application_name", "PostgreSQL JDBC Driver"));
        assertThat(s.drainParameterChanges()).isEmpty();
        run("SET TIME ZONE 'Europe/Berlin'");
        assertThat(s.drainParameterChanges()).containsExactly(Map.entry("TimeZone", "Europe/Berlin"));
        assertThat(s.setting("timezone")).isEqualTo("Europe/Berlin");
    }

    @Test
    void openSessionChecksDatabaseUserAndStartupParameters() {
        assertThatThrownBy(() -> t.engine.openSession("tessera", "other", Map.of())).isInstanceOf(SqlException.class)
                .extracting(e -> ((SqlException) e).sqlState()).isEqualTo("3D000");
        assertThatThrownBy(() -> t.engine.openSession("tessera", "tessera", Map.of("client_encoding", "LATIN1")))
                .isInstanceOf(SqlException.class).matches(e -> ((SqlException) e).fatal());
        SqlSession jdbc = t.engine.openSession("tessera", "tessera",
                Map.of("client_encoding", "UTF8", "DateStyle", "ISO", "TimeZone", "Etc/UTC"));
        assertThat(jdbc.setting("datestyle")).isEqualTo("ISO, MDY");
        assertThat(jdbc.setting("application_name")).isEmpty();
    }

    @Test
    void splitRespectsQuotesCommentsAndDollarQuotes() {
        assertThat(s.split("SELECT 1; SELECT ';' AS \"a;b\"; -- c;\nSELECT $$x;y$$; /* a; /* b; */ c; */ SELECT 2;"))
                .containsExactly("SELECT 1", "SELECT ';' AS \"a;b\"", "-- c;\nSELECT $$x;y$$", "/* a; /* b; */ c; */ SELECT 2");
        assertThat(s.split("  ;; -- nothing\n")).isEmpty();
        assertThat(s.split("SELECT E'it\\'s;'; SELECT 2")).containsExactly("SELECT E'it\\'s;'", "SELECT 2");
    }

    @Test
    void valuesComeBackInTheJavaClassesOfTheirTypes() {
        run("CREATE TABLE v (id BIGINT PRIMARY KEY, n NUMERIC(5,2), s SMALLINT)");
        run("INSERT INTO v VALUES (1, 2.5, 3)");
        Object[] r = run("SELECT id, n, s, id::int, 1.5::float8, 'x' FROM v").get(0);
        assertThat(r).containsExactly(1L, new BigDecimal("2.50"), (short) 3, 1, 1.5, "x");
    }
}
