package io.tessera.sql.engine;

import io.tessera.cluster.api.Catalog;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.PreparedStatement;
import io.tessera.sql.api.ResultColumn;
import io.tessera.sql.api.SqlSession;
import io.tessera.sql.api.TransactionStatus;
import io.tessera.kv.api.Transaction;
import io.tessera.kv.api.WriteConflict;
import io.tessera.sql.plan.BoundStatement;
import io.tessera.sql.plan.DdlPlanner;
import io.tessera.sql.plan.DmlPlanner;
import io.tessera.sql.plan.ExecContext;
import io.tessera.sql.plan.Plan;
import io.tessera.sql.plan.Planner;
import io.tessera.sql.plan.Types;
import io.tessera.sql.spi.SystemContext;
import io.tessera.sql.store.KvRowStore;
import io.tessera.sql.store.RowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/** One client session: settings, transaction status and statement execution. */
final class TesseraSession implements SqlSession {
    /** psql writes {@code x OPERATOR(pg_catalog.~) y}; JSqlParser knows only {@code x ~ y}. */
    private static final Pattern OPERATOR_FORM =
            Pattern.compile("OPERATOR\\s*\\(\\s*(?:pg_catalog\\s*\\.\\s*)?([~!*<>=@#%^&|+\\-/]+)\\s*\\)", Pattern.CASE_INSENSITIVE);
    /** Collations are all C in Tessera, so COLLATE clauses naming the default or C change nothing. */
    private static final Pattern COLLATE_DEFAULT =
            Pattern.compile("\\s+COLLATE\\s+(?:pg_catalog\\s*\\.\\s*)?(?:\"?default\"?|\"C\"|\"POSIX\")", Pattern.CASE_INSENSITIVE);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TesseraSession.class);
    /**
     * Runs of one READ COMMITTED statement that keeps meeting rows changed after its snapshot (a
     * hot row under many writers); statement_timeout and cancel stop it sooner.
     */
    private static final int STATEMENT_ATTEMPTS = 200;
    /**
     * Runs of an implicit transaction's first statement that lost contact with a fragment's Raft
     * group, and the pause before each (times the run), about the time a group takes to elect.
     */
    private static final int CONTACT_LOSS_ATTEMPTS = 5;
    private static final long CONTACT_LOSS_PAUSE_MILLIS = 200;
    /**
     * Only a statement that lost contact soon after it began runs again (a client cut off by a
     * member change); one that waited out the gateway's deadline for a leader fails as before, so
     * that a fragment without a leader costs its clients one deadline, not several.
     */
    private static final long CONTACT_LOSS_RETRY_WINDOW_NANOS = 3_000_000_000L;

    private final TesseraSqlEngine engine;
    private final String user;
    private final Settings settings;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final RowStore store;
    /** The running transaction: explicit between BEGIN and COMMIT, else one per statement. */
    private final TransactionScope scope;
    private TransactionStatus status = TransactionStatus.IDLE;
    /** NOTICE messages of the running statement, drained by the protocol layer. */
    private final List<String> notices = new ArrayList<>();
    /** When the running statement exceeds statement_timeout (Clock.nanoTime), or Long.MAX_VALUE. */
    private volatile long deadlineNanos = Long.MAX_VALUE;

    TesseraSession(TesseraSqlEngine engine, String user) {
        this.engine = engine;
        this.user = user;
        this.settings = new Settings(user);
        this.scope = new TransactionScope(engine.kv(), this::isolation, this::interruption);
        this.store = new KvRowStore(scope, engine.kv(), this::interruption, engine.catalog()::table, engine.writeFence(),
                engine.indexExpressions());
    }

    void adoptStartupParameter(String name, String value) {
        if (name.equals("user") || name.equals("database") || name.equals("options") || name.equals("replication")) {
            return;
        }
        // Dotted names are custom settings, as in PostgreSQL; the wire layer passes tessera.backend_pid this way.
        if (Settings.known(name) || name.contains(".")) {
            try {
                settings.set(name, value, false);
            } catch (SqlException e) {
                throw e.asFatal();
            }
        }
    }

    Map<String, String> reportedSettings() {
        return settings.reported();
    }

    @Override
    public List<String> split(String sql) {
        return StatementSplitter.split(sql);
    }

    @Override
    public PreparedStatement prepare(String sql, List<SqlType> parameterTypeHints) {
        try {
            return prepareUnchecked(sql, parameterTypeHints);
        } catch (SqlException | IllegalStateException | ClassCastException | ArithmeticException e) {
            failed(e);
            throw e;
        }
    }

    private PreparedStatement prepareUnchecked(String sql, List<SqlType> parameterTypeHints) {
        List<SqlType> hints = parameterTypeHints == null ? List.of() : parameterTypeHints;
        String text = stripTrailingSemicolons(sql);
        if (StatementSplitter.stripComments(text).isBlank()) {
            return new SqlPrepared(sql, new Utility.NoOp(""), null, text, hints, null);
        }
        Utility utility = Utility.parse(text);
        if (utility != null) {
            return new SqlPrepared(sql, utility, null, text, hints, null);
        }
        String rewritten = SignRuns.rewrite(
                COLLATE_DEFAULT.matcher(OPERATOR_FORM.matcher(explainOptions(text)).replaceAll(" $1 ")).replaceAll(""));
        Statement parsed = parse(rewritten);
        Planner planner = planner(rewritten, hints);
        SqlPrepared.Planned planned = plan(parsed, planner);
        return new SqlPrepared(sql, null, parsed, rewritten, planner.parameterTypes(), planned);
    }

    private static final java.util.regex.Pattern EXPLAIN_OTHER = java.util.regex.Pattern.compile(
            "(?is)^\\s*explain\\s+(?:\\([^)]*\\)\\s*|analy[sz]e\\s+|verbose\\s+)*(insert|update|delete|merge|create|drop|alter)\\b");
    private static final java.util.regex.Pattern EXPLAIN_OPTIONS =
            java.util.regex.Pattern.compile("(?is)^\\s*explain\\s*\\(([^)]*)\\)");

    /**
     * EXPLAIN's parenthesised options, which the parser does not read: ANALYZE (or ANALYZE true/on)
     * becomes the keyword form; the others (VERBOSE, COSTS, BUFFERS, FORMAT TEXT) change nothing here.
     */
    private static String explainOptions(String sql) {
        if (EXPLAIN_OTHER.matcher(sql).find()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN of statements other than queries is not supported");
        }
        java.util.regex.Matcher m = EXPLAIN_OPTIONS.matcher(sql);
        if (!m.find()) {
            return sql;
        }
        boolean analyze = false;
        for (String option : m.group(1).split(",")) {
            String[] words = option.strip().toLowerCase(Locale.ROOT).split("\\s+");
            if (words[0].equals("analyze") || words[0].equals("analyse")) {
                analyze = words.length == 1 || List.of("true", "on", "1").contains(words[1]);
            }
        }
        return "EXPLAIN " + (analyze ? "ANALYZE " : "") + sql.substring(m.end());
    }

    private static String stripTrailingSemicolons(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private static Statement parse(String sql) {
        Statement parsed;
        try {
            parsed = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false).Statement();
        } catch (Exception | Error simple) {
            parsed = parseComplex(sql);
        }
        if (parsed == null || parsed instanceof UnsupportedStatement) {
            List<String> tokens = Utility.tokens(sql);
            String first = tokens.isEmpty() ? "" : tokens.get(0);
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + first + "\"")
                    .withPosition(sql.indexOf(first) + 1);
        }
        return parsed;
    }

    /**
     * JSqlParser's full grammar, with the backtracking that nested parentheses make exponential
     * (SQLite's index tests nest twenty deep): a watchdog stops it after {@link #PARSE_MILLIS_MAX},
     * and the statement fails with 54001 rather than holding a thread forever.
     */
    private static Statement parseComplex(String sql) {
        net.sf.jsqlparser.parser.CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true);
        java.util.concurrent.ScheduledFuture<?> watchdog = PARSE_WATCHDOG.schedule(() -> {
            parser.interrupted = true;
        }, PARSE_MILLIS_MAX, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            return parser.Statement();
        } catch (Exception | Error e) {
            if (parser.interrupted) {
                throw new SqlException(SqlState.STATEMENT_TOO_COMPLEX, "statement is too complex: parsing it took over "
                        + PARSE_MILLIS_MAX + " ms").withHint("Use fewer nested parentheses.");
            }
            throw ParseErrors.syntaxError(sql, e);
        } finally {
            watchdog.cancel(false);
        }
    }

    private static final long PARSE_MILLIS_MAX = 5_000;
    private static final java.util.concurrent.ScheduledExecutorService PARSE_WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "parse-watchdog");
                t.setDaemon(true);
                return t;
            });

    private Planner planner(String sql, List<SqlType> hints) {
        return new Planner(engine.catalog(), engine.systemTables(), engine.functions(), sql, hints);
    }

    private SqlPrepared.Planned plan(Statement parsed, Planner planner) {
        long version = engine.catalog().version();
        BoundStatement bound = switch (parsed) {
            case Select s -> new BoundStatement.Query(planner.planQuery(s));
            case Insert i -> new DmlPlanner(planner).planInsert(i);
            case Update u -> new DmlPlanner(planner).planUpdate(u);
            case Delete d -> new DmlPlanner(planner).planDelete(d);
            case CreateTable c -> new DdlPlanner(planner).planCreateTable(c);
            case net.sf.jsqlparser.statement.ExplainStatement e -> io.tessera.sql.plan.Explain.of(
                    new BoundStatement.Query(planner.planQuery(e.getStatement())),
                    e.getOption(net.sf.jsqlparser.statement.ExplainStatement.OptionType.ANALYZE) != null,
                    planner.sources(), engine.clock()::nanoTime);
            case net.sf.jsqlparser.statement.create.view.CreateView c -> new DdlPlanner(planner).planCreateView(c);
            default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, statementName(parsed) + " is not supported");
        };
        List<ResultColumn> columns = new ArrayList<>();
        for (Plan.Column c : bound.columns()) {
            columns.add(new ResultColumn(c.name(), Types.output(c.type()), c.tableOid(), c.attnum()));
        }
        return new SqlPrepared.Planned(bound, columns, version);
    }

    /** "CREATE INDEX", "ALTER TABLE", ...: the statement's leading keywords for a 0A000 message. */
    private static String statementName(Statement s) {
        String text = s.toString().trim();
        String[] words = text.split("\\s+");
        String name = words.length > 1 ? words[0] + " " + words[1] : words[0];
        return name.toUpperCase(Locale.ROOT);
    }

    @Override
    public Cursor execute(PreparedStatement statement, List<Object> parameters) {
        SqlPrepared p = (SqlPrepared) statement;
        cancelRequested.set(false);
        notices.clear(); // those of an earlier statement that failed before they were sent
        long timeoutMillis = Settings.millis(settings.get("statement_timeout"));
        deadlineNanos = timeoutMillis <= 0 ? Long.MAX_VALUE : engine.clock().nanoTime() + timeoutMillis * 1_000_000L;
        boolean endsBlock = p.utility instanceof Utility.End;
        if (status == TransactionStatus.FAILED && !endsBlock) {
            throw new SqlException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        try {
            if (p.utility != null) {
                return utility(p.utility);
            }
            SqlPrepared.Planned planned = current(p);
            ExecContext ctx = context(parameters == null ? List.of() : parameters);
            BoundStatement.Execution execution = start(planned, ctx);
            return new SqlCursor(planned.columns(), execution, this::failed);
        } catch (SqlException | IllegalStateException | ClassCastException | ArithmeticException e) {
            failed(e);
            throw e;
        }
    }

    /** The plan to run: the prepared one, or a fresh one when the catalog changed since. */
    private SqlPrepared.Planned current(SqlPrepared p) {
        SqlPrepared.Planned planned = p.planned();
        if (planned.catalogVersion() != engine.catalog().version()) {
            planned = plan(p.parsed, planner(p.parsedText, p.parameterTypes()));
            p.replan(planned);
        }
        return planned;
    }

    /**
     * Runs a statement's start; under READ COMMITTED a statement whose write found a row changed
     * after its snapshot runs again on a fresh one (its writes so far taken back first), as
     * PostgreSQL re-reads such a row.
     */
    private BoundStatement.Execution start(SqlPrepared.Planned planned, ExecContext ctx) {
        boolean wholeTransaction = status == TransactionStatus.IDLE && scope.isIdle();
        long startNanos = engine.clock().nanoTime();
        int contactLosses = 0;
        for (int attempt = 1; ; attempt++) {
            scope.newStatement();
            try {
                return planned.bound().start(ctx);
            } catch (WriteConflict e) {
                if (attempt >= STATEMENT_ATTEMPTS || !scope.statementRetriable()) {
                    throw e;
                }
                scope.undoStatement();
            } catch (SqlException e) {
                boolean late = engine.clock().nanoTime() - startNanos > CONTACT_LOSS_RETRY_WINDOW_NANOS;
                if (!wholeTransaction || !lostContact(e) || late || ++contactLosses > CONTACT_LOSS_ATTEMPTS) {
                    throw e;
                }
                // The statement is its implicit transaction's first: nothing of it is committed and
                // nothing was sent, so it runs again in a new one once the group has a leader again.
                rollbackQuietly();
                pause(CONTACT_LOSS_PAUSE_MILLIS * contactLosses);
            }
            String stop = interruption();
            if (stop != null) {
                throw new SqlException(SqlState.QUERY_CANCELED, stop);
            }
        }
    }

    /** A transaction step that could not reach a fragment's Raft group (a leader moving, a member changing). */
    private static boolean lostContact(SqlException e) {
        return SqlState.SERIALIZATION_FAILURE.equals(e.sqlState()) && e.getCause() instanceof SqlException cause
                && SqlState.CONNECTION_FAILURE.equals(cause.sqlState());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to interruption");
        }
    }

    /**
     * Outside a block, the statements since the last Sync (or in one simple Query) form one implicit
     * transaction, committed here: PostgreSQL's rule, which makes a pgjdbc batch atomic and one commit.
     */
    @Override
    public void sync() {
        if (status == TransactionStatus.IDLE) {
            scope.commit();
        }
    }

    private void failed(RuntimeException e) {
        if (status == TransactionStatus.IN_TRANSACTION) {
            status = TransactionStatus.FAILED;
        } else if (status == TransactionStatus.IDLE) {
            rollbackQuietly();
        }
    }

    private void rollbackQuietly() {
        try {
            scope.rollback();
        } catch (RuntimeException e) {
            LOG.info("rollback failed (the transaction's locks expire): {}", e.toString());
        }
    }

    /** The isolation a new transaction gets: PostgreSQL's names, mapped as docs/transactions.md explains. */
    private Transaction.Isolation isolation() {
        return switch (settings.isolation()) {
            case REPEATABLE_READ, SERIALIZABLE -> Transaction.Isolation.SNAPSHOT;
            case READ_COMMITTED -> Transaction.Isolation.READ_COMMITTED;
        };
    }

    private ExecContext context(List<Object> parameters) {
        Catalog catalog = engine.catalog();
        SystemContext system = new SystemContext() {
            @Override public Catalog catalog() { return catalog; }
            @Override public String user() { return user; }
            @Override public String database() { return TesseraSqlEngine.DATABASE; }
            @Override public String setting(String name) { return TesseraSession.this.setting(name); }
        };
        Instant now = Instant.ofEpochMilli(engine.clock().nowMillis());
        return new ExecContext(parameters, settings.zone(), now, catalog, store, system, settings::set,
                this::interruption, engine::nextRowId);
    }

    /** Why the running statement must stop, or null. */
    private String interruption() {
        if (cancelRequested.get()) {
            return "canceling statement due to user request";
        }
        if (deadlineNanos != Long.MAX_VALUE && engine.clock().nanoTime() - deadlineNanos > 0) {
            return "canceling statement due to statement timeout";
        }
        return null;
    }

    private Cursor utility(Utility u) {
        return switch (u) {
            case Utility.Begin b -> {
                if (status == TransactionStatus.IDLE) {
                    status = TransactionStatus.IN_TRANSACTION;
                    settings.beginTransaction(b.modes());
                }
                yield done("BEGIN");
            }
            case Utility.End e -> {
                boolean rollback = e.rollback() || status == TransactionStatus.FAILED;
                status = TransactionStatus.IDLE;
                settings.endTransaction();
                if (rollback) {
                    rollbackQuietly();
                } else {
                    scope.commit();
                }
                yield done(rollback ? "ROLLBACK" : "COMMIT");
            }
            case Utility.Set s -> {
                boolean local = s.local() && status != TransactionStatus.IDLE;
                if (!s.local() || local) {
                    settings.set(s.name(), s.value(), local);
                }
                yield done("SET");
            }
            case Utility.Reset r -> {
                if (r.name().equals("all")) {
                    settings.resetAll();
                } else {
                    settings.set(r.name(), null, false);
                }
                yield done("RESET");
            }
            case Utility.Show s -> show(s.name());
            case Utility.NoOp n -> done(n.tag());
            case Utility.DiscardAll d -> {
                if (status != TransactionStatus.IDLE) {
                    throw new SqlException("25001", "DISCARD ALL cannot run inside a transaction block");
                }
                settings.resetAll();
                yield done("DISCARD ALL");
            }
            case Utility.Unsupported x -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, x.feature() + " is not supported");
            case Utility.DropTables d -> {
                noticeMissingTables(d);
                yield run(DdlPlanner.dropTables(d.names(), d.ifExists()));
            }
            case Utility.Copy c -> copy(c.command());
            case Utility.AlterTable a -> run(a.command().plan(planner(a.command().sql(), List.of())));
            case Utility.Truncate t -> run(DdlPlanner.truncate(t.names()));
            case Utility.Analyze a -> run(io.tessera.sql.plan.Analyze.of(a.tables()));
            case Utility.DropViews d -> run(DdlPlanner.dropViews(d.names(), d.ifExists()));
            case Utility.Index x -> run(x.command().plan(planner("", List.of()), notices::add));
        };
    }

    private void noticeMissingTables(Utility.DropTables d) {
        if (d.ifExists()) {
            for (String n : d.names()) {
                if (engine.catalog().table(n).isEmpty()) {
                    notices.add("table \"" + n + "\" does not exist, skipping");
                }
            }
        }
    }

    private Cursor copy(CopyCommand c) {
        ExecContext ctx = context(List.of());
        scope.newStatement();
        boolean implicit = status == TransactionStatus.IDLE;
        Runnable commit = implicit ? scope::commit : () -> { };
        Runnable rollback = implicit ? this::rollbackQuietly : () -> { };
        if (c.from()) {
            var table = engine.catalog().table(c.table()).orElseThrow(() -> io.tessera.sql.plan.Errors.undefinedTable(c.table()));
            var target = io.tessera.sql.plan.CopyTarget.of(planner("COPY", List.of()), table, c.columns());
            return new CopyCursor(new CopyFromStdin(target, c.options(), ctx, this::failed), null, commit, rollback);
        }
        String sql = c.query() != null ? c.query() : selectAll(c);
        String rewritten = COLLATE_DEFAULT.matcher(OPERATOR_FORM.matcher(sql).replaceAll(" $1 ")).replaceAll("");
        if (!(parse(rewritten) instanceof Select select)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY (query) TO supports SELECT and VALUES queries only");
        }
        Plan plan = planner(rewritten, List.of()).planQuery(select);
        List<SqlType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Plan.Column col : plan.columns()) {
            types.add(col.type());
            names.add(col.name());
        }
        BoundStatement.Execution rows = new BoundStatement.Query(plan).start(ctx);
        return new CopyCursor(null, new CopyToStdout(rows, types, names, c.options(), ctx), commit, rollback);
    }

    /** {@code COPY t [(cols)] TO}: the query over the table's visible columns (or the listed ones). */
    private String selectAll(CopyCommand c) {
        var table = engine.catalog().table(c.table()).orElseThrow(() -> io.tessera.sql.plan.Errors.undefinedTable(c.table()));
        List<String> cols = new ArrayList<>();
        if (c.columns().isEmpty()) {
            table.columns().stream().filter(col -> !col.hidden()).forEach(col -> cols.add(quote(col.name())));
        } else {
            c.columns().forEach(n -> cols.add(quote(n)));
        }
        return "SELECT " + String.join(", ", cols) + " FROM " + quote(table.name());
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private Cursor run(BoundStatement statement) {
        return new SqlCursor(List.of(), statement.start(context(List.of())), this::failed);
    }

    private Cursor show(String name) {
        if (name.equals("all")) {
            List<ResultColumn> cols = List.of(ResultColumn.computed("name", SqlType.TEXT),
                    ResultColumn.computed("setting", SqlType.TEXT), ResultColumn.computed("description", SqlType.TEXT));
            return new SqlCursor(cols, BoundStatement.finished(settings.all(), "SHOW"), this::failed);
        }
        String value = settings.get(name);
        if (value == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        return new SqlCursor(List.of(ResultColumn.computed(Settings.canonical(name), SqlType.TEXT)),
                BoundStatement.finished(rows, "SHOW"), this::failed);
    }

    private Cursor done(String tag) {
        return new SqlCursor(List.of(), BoundStatement.finished(List.of(), tag), this::failed);
    }

    @Override
    public TransactionStatus transactionStatus() {
        return status;
    }

    @Override
    public Map<String, String> drainParameterChanges() {
        return settings.drainChanges();
    }

    @Override
    public List<String> drainNotices() {
        if (notices.isEmpty()) {
            return List.of();
        }
        List<String> out = List.copyOf(notices);
        notices.clear();
        return out;
    }

    @Override
    public String setting(String name) {
        return settings.get(name);
    }

    @Override
    public void cancel() {
        cancelRequested.set(true);
    }

    @Override
    public void close() {
        status = TransactionStatus.IDLE;
        rollbackQuietly();
    }
}
