package io.tessera.pgwire;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.Jsonb;
import io.tessera.common.types.SqlType;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.PreparedStatement;
import io.tessera.sql.api.ResultColumn;
import io.tessera.sql.api.SqlEngine;
import io.tessera.sql.api.SqlSession;
import io.tessera.sql.api.TransactionStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST ONLY: a tiny SQL "engine" that answers a fixed set of statements with canned results, so
 * that the protocol layer can be tested over real sockets before the real engine exists. It
 * plans nothing: each statement text maps to a script. Transactions only track the status
 * ReadyForQuery reports (BEGIN / COMMIT / ROLLBACK, FAILED after an error inside a block).
 */
final class ScriptedSqlEngine implements SqlEngine {

    /** Table OID reported for the canned {@code types} table's columns. */
    static final int TYPES_TABLE_OID = 16386;

    final List<ScriptedSession> sessions = new CopyOnWriteArrayList<>();
    /** Counted down when a session starts the blocking {@code select pg_sleep(60)}. */
    final CountDownLatch sleeping = new CountDownLatch(1);
    final List<Object> inserted = new CopyOnWriteArrayList<>();
    /** Every cursor handed out, to check that the protocol layer closes them all. */
    final List<ListCursor> cursors = new CopyOnWriteArrayList<>();

    @Override
    public SqlSession openSession(String user, String database, Map<String, String> startupParameters) {
        if (!database.equals("tessera")) {
            throw new SqlException(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
        }
        ScriptedSession s = new ScriptedSession(this, user, startupParameters);
        sessions.add(s);
        return s;
    }

    @Override
    public Map<String, String> initialParameterStatus(SqlSession session) {
        ScriptedSession s = (ScriptedSession) session;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("application_name", s.settings.getOrDefault("application_name", ""));
        p.put("client_encoding", "UTF8");
        p.put("DateStyle", "ISO, MDY");
        p.put("default_transaction_read_only", "off");
        p.put("in_hot_standby", "off");
        p.put("integer_datetimes", "on");
        p.put("IntervalStyle", "postgres");
        p.put("is_superuser", "on");
        p.put("server_encoding", "UTF8");
        p.put("server_version", "15.20");
        p.put("session_authorization", s.user);
        p.put("standard_conforming_strings", "on");
        p.put("TimeZone", s.settings.getOrDefault("TimeZone", "Etc/UTC"));
        return p;
    }

    /** One canned row of every type the wire carries, with table OID and attnums. */
    static final List<ResultColumn> TYPES_COLUMNS = typesColumns();
    static final Object[] TYPES_ROW = {
        (short) -2, 123456, 1234567890123L, 1.5f, -2.25d, true, "text é", "varchar", "ab ",
        "pg_name", 4000000000L, new BigDecimal("12345.678"), LocalDate.of(2024, 1, 2),
        LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), Instant.parse("2026-11-29T06:55:42.943697Z"),
        new byte[] {1, 2, 3}, new Jsonb("{\"a\": 1}"), null
    };

    private static List<ResultColumn> typesColumns() {
        SqlType[] types = {SqlType.INT2, SqlType.INT4, SqlType.INT8, SqlType.FLOAT4, SqlType.FLOAT8, SqlType.BOOL,
            SqlType.TEXT, SqlType.varchar(10), SqlType.bpchar(3), SqlType.NAME, SqlType.OID, SqlType.numeric(10, 3),
            SqlType.DATE, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ, SqlType.BYTEA, SqlType.JSONB, SqlType.TEXT};
        String[] names = {"i2", "i4", "i8", "f4", "f8", "b", "t", "vc", "bp", "nm", "o", "n", "d", "ts", "tstz",
            "y", "j", "nul"};
        List<ResultColumn> cols = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            cols.add(new ResultColumn(names[i], types[i], TYPES_TABLE_OID, i + 1));
        }
        return List.copyOf(cols);
    }

    static final class ScriptedSession implements SqlSession {
        private static final Pattern SET = Pattern.compile("set (application_name|timezone) (?:=|to) '(.*)'");
        private static final List<SqlType> ECHO_TYPES = List.of(SqlType.INT8, SqlType.BOOL, SqlType.TIMESTAMPTZ,
                SqlType.DATE, SqlType.FLOAT8, SqlType.BYTEA, SqlType.TEXT);

        final ScriptedSqlEngine engine;
        final String user;
        final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> changes = new LinkedHashMap<>();
        private final CountDownLatch cancelled = new CountDownLatch(1);
        volatile TransactionStatus status = TransactionStatus.IDLE;
        volatile boolean closed;
        volatile boolean closedInTransaction;
        volatile int cancelCount;

        ScriptedSession(ScriptedSqlEngine engine, String user, Map<String, String> startup) {
            this.engine = engine;
            this.user = user;
            startup.forEach((k, v) -> {
                if (k.equals("application_name") || k.equals("TimeZone")) {
                    settings.put(k, v);
                }
            });
        }

        @Override
        public List<String> split(String sql) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (char c : sql.toCharArray()) {
                if (c == '\'') {
                    quoted = !quoted;
                }
                if (c == ';' && !quoted) {
                    addIfNotBlank(out, cur);
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            addIfNotBlank(out, cur);
            return out;
        }

        private static void addIfNotBlank(List<String> out, StringBuilder s) {
            if (!s.toString().isBlank()) {
                out.add(s.toString().trim());
            }
        }

        @Override
        public PreparedStatement prepare(String sql, List<SqlType> hints) {
            String key = normalize(sql);
            if (status == TransactionStatus.FAILED && !key.equals("rollback") && !key.equals("commit")) {
                throw new SqlException(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            return switch (key) {
                case "select 1", "select 2", "select 42" -> stmt(sql, List.of(), List.of(ResultColumn.computed("?column?", SqlType.INT4)));
                case "select * from types" -> stmt(sql, List.of(), TYPES_COLUMNS);
                case "select $1::int8 as l, $2::bool as b, $3::timestamptz as ts, $4::date as d, $5::float8 as f, $6::bytea as y, $7::text as t" ->
                        stmt(sql, ECHO_TYPES, echoColumns());
                case "select $1::numeric as n, $2::jsonb as j, $3::timestamp as ts, $4::int2 as s" -> stmt(sql,
                        List.of(SqlType.NUMERIC, SqlType.JSONB, SqlType.TIMESTAMP, SqlType.INT2),
                        List.of(ResultColumn.computed("n", SqlType.NUMERIC), ResultColumn.computed("j", SqlType.JSONB),
                                ResultColumn.computed("ts", SqlType.TIMESTAMP), ResultColumn.computed("s", SqlType.INT2)));
                case "select aid from accounts where aid <= $1 order by aid" -> stmt(sql, List.of(SqlType.INT4),
                        List.of(new ResultColumn("aid", SqlType.INT4, 16449, 1)));
                case "insert into t values ($1)" -> stmt(sql, List.of(hints.isEmpty() || hints.get(0) == null
                        ? SqlType.INT4 : hints.get(0)), List.of());
                case "show transaction_read_only" -> stmt(sql, List.of(), List.of(ResultColumn.computed("transaction_read_only", SqlType.TEXT)));
                case "select 1/0", "select boom()", "select oom()", "select pg_sleep(60)", "begin", "commit", "end",
                        "rollback", "create table t (a int)" -> stmt(sql, List.of(),
                        key.startsWith("select") ? List.of(ResultColumn.computed("x", SqlType.INT4)) : List.of());
                default -> {
                    if (SET.matcher(key).matches()) {
                        yield stmt(sql, List.of(), List.of());
                    }
                    throw fail(new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \""
                            + sql.trim().split("\\s+")[0] + "\"").withPosition(1).withDetail("statement: " + sql));
                }
            };
        }

        private static List<ResultColumn> echoColumns() {
            String[] names = {"l", "b", "ts", "d", "f", "y", "t"};
            List<ResultColumn> cols = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                cols.add(ResultColumn.computed(names[i], ECHO_TYPES.get(i)));
            }
            return cols;
        }

        @Override
        public Cursor execute(PreparedStatement statement, List<Object> parameters) {
            String key = normalize(statement.sql());
            return switch (key) {
                case "begin" -> transition(TransactionStatus.IN_TRANSACTION, "BEGIN");
                case "commit", "end" -> transition(TransactionStatus.IDLE, status == TransactionStatus.FAILED ? "ROLLBACK" : "COMMIT");
                case "rollback" -> transition(TransactionStatus.IDLE, "ROLLBACK");
                case "create table t (a int)" -> rows(statement, List.of(), "CREATE TABLE");
                case "select 1/0" -> throw fail(new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero"));
                case "select boom()" -> throw fail(new IllegalStateException("boom"));
                case "select oom()" -> throw new OutOfMemoryError("simulated out of memory");
                case "select pg_sleep(60)" -> sleepUntilCancelled();
                case "select * from types" -> rows(statement, List.<Object[]>of(TYPES_ROW), null);
                case "select aid from accounts where aid <= $1 order by aid" -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (int i = 1; i <= (Integer) parameters.get(0); i++) {
                        rows.add(new Object[] {i});
                    }
                    yield rows(statement, rows, null);
                }
                case "insert into t values ($1)" -> {
                    engine.inserted.add(parameters.get(0) == null ? "NULL" : parameters.get(0));
                    yield rows(statement, List.of(), "INSERT 0 1");
                }
                case "show transaction_read_only" -> rows(statement, List.<Object[]>of(new Object[] {"off"}), "SHOW");
                default -> executeOther(statement, parameters, key);
            };
        }

        private Cursor executeOther(PreparedStatement statement, List<Object> parameters, String key) {
            Matcher set = SET.matcher(key);
            if (set.matches()) {
                String name = set.group(1).equals("timezone") ? "TimeZone" : "application_name";
                String value = statement.sql().replaceAll("(?s).*'(.*)'.*", "$1");
                settings.put(name, value);
                changes.put(name, value);
                return rows(statement, List.of(), "SET");
            }
            if (key.startsWith("select $")) {
                return rows(statement, List.<Object[]>of(parameters.toArray()), null);
            }
            int n = Integer.parseInt(key.substring("select ".length()));
            return rows(statement, List.<Object[]>of(new Object[] {n}), null);
        }

        private Cursor sleepUntilCancelled() {
            engine.sleeping.countDown();
            try {
                if (!cancelled.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("pg_sleep was never cancelled");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw fail(new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request"));
        }

        private RuntimeException fail(RuntimeException e) {
            if (status == TransactionStatus.IN_TRANSACTION) {
                status = TransactionStatus.FAILED;
            }
            return e;
        }

        private Cursor transition(TransactionStatus next, String tag) {
            status = next;
            return new ListCursor(List.of(), List.of(), tag);
        }

        private Cursor rows(PreparedStatement statement, List<Object[]> rows, String tag) {
            ListCursor c = new ListCursor(statement.resultColumns(), rows, tag == null ? "SELECT " + rows.size() : tag);
            engine.cursors.add(c);
            return c;
        }

        /** Syncs seen; a non-null {@link #syncFailure} is thrown by the next one, as a failed implicit commit. */
        volatile int syncs;
        volatile SqlException syncFailure;

        @Override
        public void sync() {
            syncs++;
            SqlException failure = syncFailure;
            syncFailure = null;
            if (failure != null) {
                throw failure;
            }
        }

        @Override public TransactionStatus transactionStatus() { return status; }

        @Override
        public synchronized Map<String, String> drainParameterChanges() {
            Map<String, String> out = Map.copyOf(changes);
            changes.clear();
            return out;
        }

        @Override public String setting(String name) { return settings.get(name); }

        @Override
        public void cancel() {
            cancelCount++;
            cancelled.countDown();
        }

        @Override
        public void close() {
            closedInTransaction = status != TransactionStatus.IDLE;
            status = TransactionStatus.IDLE;
            closed = true;
        }

        private static String normalize(String sql) {
            String s = sql.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            while (s.endsWith(";")) {
                s = s.substring(0, s.length() - 1).trim();
            }
            return s;
        }

        private static PreparedStatement stmt(String sql, List<SqlType> params, List<ResultColumn> cols) {
            return new PreparedStatement() {
                @Override public String sql() { return sql; }
                @Override public List<SqlType> parameterTypes() { return params; }
                @Override public List<ResultColumn> resultColumns() { return cols; }
            };
        }
    }

    static final class ListCursor implements Cursor {
        private final List<ResultColumn> columns;
        private final Iterator<Object[]> rows;
        private final String tag;
        volatile boolean closed;

        ListCursor(List<ResultColumn> columns, List<Object[]> rows, String tag) {
            this.columns = columns;
            this.rows = rows.iterator();
            this.tag = tag;
        }

        @Override public List<ResultColumn> columns() { return columns; }
        @Override public Object[] next() { return rows.hasNext() ? Arrays.copyOf(rows.next(), columns.size()) : null; }
        @Override public String commandTag() { return tag; }
        @Override public void close() { closed = true; }
    }
}
