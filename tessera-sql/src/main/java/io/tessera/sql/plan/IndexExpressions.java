package io.tessera.sql.plan;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.IndexExpression;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.sql.store.KeyExpressions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Expression key parts of indexes ({@code CREATE INDEX ... ((doc->>'email'))}, {@code (lower(email))}):
 * checked and normalised when the index is created, stored as SQL text in the catalog
 * ({@link IndexExpression}), and bound again over the table's rows wherever they are evaluated
 * (every row change, the backfill: this class is the store's {@link KeyExpressions}) or matched
 * (the planner compares a WHERE clause's bound expressions with an index's, see
 * {@link Expr.Op}).
 *
 * <p>As in PostgreSQL the value must depend on the row alone: only functions from
 * {@link #IMMUTABLE} are allowed (42P17 for the others), no subqueries, aggregates, window
 * functions or parameters. Evaluation therefore runs in {@link #EVALUATION}, a context without
 * session, parameters or store. Limit: casts are not checked for immutability (a text to
 * timestamptz cast reads the time zone, which here is always UTC).
 */
public final class IndexExpressions implements KeyExpressions {
    /**
     * The engine's functions whose result depends on their arguments alone (PostgreSQL marks them
     * IMMUTABLE); coalesce, nullif, greatest and least are special forms over their arguments.
     */
    static final Set<String> IMMUTABLE = Set.of("abs", "array_length", "array_position", "ascii", "btrim",
            "cardinality", "ceil", "ceiling", "char_length", "character_length", "chr", "coalesce", "floor",
            "greatest", "initcap", "jsonb_array_length", "jsonb_extract_path", "jsonb_extract_path_text",
            "jsonb_strip_nulls", "jsonb_typeof", "least", "left", "length", "lower", "lpad", "ltrim", "md5", "mod",
            "nullif", "octet_length", "position", "pow", "power", "repeat", "replace", "reverse", "right", "round",
            "rpad", "rtrim", "sign", "split_part", "sqrt", "starts_with", "strpos", "substr", "substring", "trunc",
            "upper");

    /** Types an expression key part may have: those the key encoding orders, and jsonb (canonical text: equality only). */
    private static final Set<TypeKind> KEY_TYPES = java.util.EnumSet.of(TypeKind.BOOL, TypeKind.INT2, TypeKind.INT4,
            TypeKind.INT8, TypeKind.FLOAT4, TypeKind.FLOAT8, TypeKind.NUMERIC, TypeKind.TEXT, TypeKind.VARCHAR,
            TypeKind.BPCHAR, TypeKind.BYTEA, TypeKind.DATE, TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ, TypeKind.JSONB);

    /** Bound expressions kept before the cache starts over (a schema change leaves old ones behind). */
    static final int CACHE_ENTRIES_MAX = 1024;

    /**
     * Bindings shared by every evaluator and planner: a bound index expression holds no state of
     * the planner that bound it (no parameters, no subqueries, only immutable built-in functions),
     * and planning a query on the table would otherwise parse its index expressions again.
     */
    private static final Map<CacheKey, Expr> BOUND = new ConcurrentHashMap<>();

    /** Where index expressions run: no parameters, no session, UTC; immutable functions read none of it. */
    static final ExecContext EVALUATION = new ExecContext(List.of(), ZoneOffset.UTC, Instant.EPOCH, null, null, null,
            null, () -> null, null);

    private record CacheKey(long tableId, List<ColumnDescriptor> columns, IndexExpression expression) {}

    private final Catalog catalog;
    private final SystemTables systemTables;
    private final Functions functions;

    public IndexExpressions(Catalog catalog, SystemTables systemTables, Functions functions) {
        this.catalog = catalog;
        this.systemTables = systemTables;
        this.functions = functions;
    }

    @Override
    public Object evaluate(TableDescriptor table, IndexExpression expression, Object[] row) {
        CacheKey key = new CacheKey(table.id(), table.columns(), expression);
        Expr e = BOUND.get(key);
        if (e == null) {
            e = bind(new Planner(catalog, systemTables, functions, expression.sql(), List.of()), table, expression);
        }
        return e.eval(Env.root(EVALUATION).child(row));
    }

    /**
     * CREATE INDEX's check of one expression key part: parses {@code text}, refuses what PostgreSQL
     * refuses in an index expression, binds it over {@code table}'s rows for its type, and returns
     * it normalised (the parser's rendering) with the columns it reads.
     */
    static IndexExpression define(Planner planner, TableDescriptor table, String text) {
        Expression parsed;
        try {
            parsed = parse(text);
        } catch (SqlException syntax) {
            parse("(" + text + ")").accept(new Checker(planner), null); // a bare SELECT: refused as a subquery
            throw syntax;
        }
        parsed.accept(new Checker(planner), null);
        String sql = parsed.toString();
        Expr e = planner.binder().bind(parsed, ExprBinder.Ctx.of(DmlPlanner.tableScope(table, table.name())));
        SqlType type = e.type().kind() == TypeKind.UNKNOWN ? SqlType.TEXT : e.type();
        if (!KEY_TYPES.contains(type.kind())) {
            throw Errors.unsupported("an index on an expression of type " + type.kind().sqlName());
        }
        List<String> names = table.columns().stream().filter(c -> !c.hidden()).map(ColumnDescriptor::name).toList();
        List<Integer> ids = new ArrayList<>();
        for (String name : CheckConstraints.referencedColumns(sql, names)) {
            ids.add(table.columns().get(table.columnIndex(name)).id());
        }
        return new IndexExpression(sql, type, ids);
    }

    /** The key part bound over full rows of {@code table} (column references at depth 0, by table position). */
    static Expr bind(Planner planner, TableDescriptor table, IndexExpression expression) {
        CacheKey key = new CacheKey(table.id(), table.columns(), expression);
        Expr cached = BOUND.get(key);
        if (cached != null) {
            return cached;
        }
        Expr e = planner.binder().bind(parse(expression.sql()),
                ExprBinder.Ctx.of(DmlPlanner.tableScope(table, table.name())));
        Expr typed = e.type().equals(expression.type()) ? e : planner.binder().coerce(e, expression.type());
        if (BOUND.size() >= CACHE_ENTRIES_MAX) {
            BOUND.clear();
        }
        BOUND.put(key, typed);
        return typed;
    }

    private static Expression parse(String text) {
        try {
            return CCJSqlParserUtil.parseExpression(text);
        } catch (JSQLParserException e) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error in index expression: " + text);
        }
    }

    /** PostgreSQL's refusals for index expressions, with its SQLSTATEs and messages. */
    private static final class Checker extends ExpressionVisitorAdapter<Void> {
        private final Planner planner;

        Checker(Planner planner) {
            this.planner = planner;
        }

        @Override
        public <S> Void visit(net.sf.jsqlparser.expression.JsonExpression j, S context) {
            j.getExpression().accept(this, context);
            j.getIdentList().forEach(step -> step.getKey().accept(this, context));
            return null;
        }

        @Override
        public <S> Void visit(Function f, S context) {
            String name = Names.functionName(f);
            if (planner.functions().lookup(name) == null && !IMMUTABLE.contains(name) && !Aggregates.NAMES.contains(name)
                    && !SetFunctions.isSetReturning(name)) {
                return super.visit(f, context); // an unknown function: binding reports 42883, as PostgreSQL does
            }
            if (Aggregates.NAMES.contains(name)) {
                throw new SqlException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in index expressions");
            }
            if (SetFunctions.isSetReturning(name)) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "set-returning functions are not allowed in index expressions");
            }
            if (!IMMUTABLE.contains(name)) {
                throw notImmutable();
            }
            return super.visit(f, context);
        }

        @Override
        public <S> Void visit(TimeKeyExpression t, S context) {
            throw notImmutable();
        }

        @Override
        public <S> Void visit(NextValExpression n, S context) {
            throw notImmutable();
        }

        @Override
        public <S> Void visit(AnalyticExpression a, S context) {
            throw new SqlException("42P20", "window functions are not allowed in index expressions");
        }

        @Override
        public <S> Void visit(JdbcParameter p, S context) {
            throw new SqlException("42P02", "there is no parameter $" + p.getIndex());
        }

        @Override
        public <S> Void visit(ParenthesedSelect s, S context) {
            throw subquery();
        }

        @Override
        public <S> Void visit(Select s, S context) {
            throw subquery();
        }

        private static SqlException notImmutable() {
            return new SqlException("42P17", "functions in index expression must be marked IMMUTABLE");
        }

        private static SqlException subquery() {
            return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in index expression");
        }
    }
}
