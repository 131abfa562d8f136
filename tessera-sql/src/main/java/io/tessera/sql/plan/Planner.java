package io.tessera.sql.plan;

import io.tessera.cluster.api.Catalog;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Binds and plans one statement. Holds what binding shares across query levels: the catalog, the
 * system tables, the functions, the statement text (for error positions) and the parameter types,
 * which binding refines as it meets {@code $n} in typed contexts.
 */
public final class Planner {
    private final Catalog catalog;
    private final SystemTables systemTables;
    private final Functions functions;
    private final String sql;
    private final SqlType[] paramTypes;
    private int outerReferences;
    /** SQL text of bound WHERE clauses, for EXPLAIN's Filter lines. */
    private final java.util.Map<Expr, String> sources = new java.util.IdentityHashMap<>();

    void noteSource(Expr bound, String text) { sources.put(bound, text); }

    /** The SQL text noted for a bound expression, or null. */
    String sourceOf(Expr bound) { return sources.get(bound); }

    /** The SQL text of bound predicates, by identity of the bound expression. */
    public java.util.Map<Expr, String> sources() { return java.util.Collections.unmodifiableMap(sources); }

    /** User tables the statement reads, directly or through views: a view depends on these. */
    private final java.util.Set<String> tablesRead = new java.util.LinkedHashSet<>();
    private int viewDepth;
    /** The WITH queries in scope, innermost last. */
    private final java.util.Deque<java.util.Map<String, net.sf.jsqlparser.statement.select.WithItem<?>>> commonTables =
            new java.util.ArrayDeque<>();

    /** Thrown while probing a select list to learn that its level aggregates. */
    static final class AggregateFound extends RuntimeException {
        AggregateFound() {
            super(null, null, false, false);
        }
    }

    public Planner(Catalog catalog, SystemTables systemTables, Functions functions, String sql, List<SqlType> paramHints) {
        this.catalog = catalog;
        this.systemTables = systemTables;
        this.functions = functions;
        this.sql = sql;
        int n = Math.max(paramHints.size(), maxParameter(sql));
        this.paramTypes = new SqlType[n];
        for (int i = 0; i < paramHints.size(); i++) {
            SqlType h = paramHints.get(i);
            paramTypes[i] = h == null || h.kind() == TypeKind.UNKNOWN ? null : h;
        }
    }

    private static int maxParameter(String sql) {
        Matcher m = Pattern.compile("\\$(\\d+)").matcher(sql);
        int max = 0;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    Catalog catalog() { return catalog; }

    /** The statement text as planned (after the session's rewrites). */
    String sql() { return sql; }

    void noteTableRead(String table) { tablesRead.add(table); }

    /** The user tables the planned statement reads. */
    public List<String> tablesRead() { return List.copyOf(tablesRead); }

    /**
     * Plans a view's query in place of a reference to it. The view sees none of the referencing
     * statement's WITH queries (its names were resolved when it was created).
     */
    Plan expandView(io.tessera.cluster.api.ViewDescriptor view) {
        if (viewDepth >= Limits.MAX_VIEW_DEPTH) {
            throw new SqlException("54001", "views nested more than " + Limits.MAX_VIEW_DEPTH + " deep (is view \""
                    + view.name() + "\" defined in terms of itself?)");
        }
        Select select;
        try {
            select = (Select) net.sf.jsqlparser.parser.CCJSqlParserUtil.parse(view.query());
        } catch (net.sf.jsqlparser.JSQLParserException | ClassCastException e) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "stored query of view \"" + view.name() + "\" does not parse");
        }
        var saved = new java.util.ArrayList<>(commonTables);
        commonTables.clear();
        viewDepth++;
        try {
            return new QueryPlanner(this).planQuery(select, null);
        } finally {
            viewDepth--;
            commonTables.addAll(saved);
        }
    }

    SystemTables systemTables() { return systemTables; }

    Functions functions() { return functions; }

    CastBinder casts() { return new CastBinder(this); }

    ExprBinder binder() { return new ExprBinder(this); }

    /** The parameter types after binding; those no context determined are text. */
    public List<SqlType> parameterTypes() {
        List<SqlType> out = new ArrayList<>();
        for (int i = 0; i < paramTypes.length; i++) {
            if (paramTypes[i] == null) {
                paramTypes[i] = SqlType.TEXT;
            }
            out.add(paramTypes[i]);
        }
        return out;
    }

    Expr param(int index) {
        if (index < 1 || index > paramTypes.length) {
            throw new SqlException("42P02",
                    "there is no parameter $" + index).withPosition(positionOf("$" + index));
        }
        return new Expr.Param(index, paramTypes);
    }

    /** Gives an untyped parameter the type its context expects. */
    void inferParam(Expr e, SqlType t) {
        if (e instanceof Expr.Param p && paramTypes[p.index() - 1] == null && t.kind() != TypeKind.UNKNOWN) {
            paramTypes[p.index() - 1] = t.kind() == TypeKind.NAME ? SqlType.TEXT : SqlType.of(t.kind());
        }
    }

    /** 1-based position of the first whole-word occurrence of {@code token}, 0 when absent. */
    public int positionOf(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        String lower = sql.toLowerCase(Locale.ROOT);
        String t = token.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int i = lower.indexOf(t, from);
            if (i < 0) {
                return 0;
            }
            boolean startOk = i == 0 || !isWordChar(lower.charAt(i - 1)) || !isWordChar(t.charAt(0));
            int end = i + t.length();
            boolean endOk = end >= lower.length() || !isWordChar(lower.charAt(end)) || !isWordChar(t.charAt(t.length() - 1));
            if (startOk && endOk) {
                return i + 1;
            }
            from = i + 1;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Scopes whose resolved entries are being recorded ({@link #referencesTo}), innermost last. */
    private final List<Watch> watches = new ArrayList<>();

    private record Watch(Scope scope, java.util.BitSet entries) {}

    /**
     * The entries of {@code scope} that the names bound by {@code bind} resolve to, from any depth
     * (a subquery's reference to them counts): which FROM items a condition reads.
     */
    java.util.BitSet referencesTo(Scope scope, Runnable bind) {
        Watch watch = new Watch(scope, new java.util.BitSet());
        watches.add(watch);
        try {
            bind.run();
            return watch.entries();
        } finally {
            watches.remove(watches.size() - 1);
        }
    }

    private void noteResolved(Scope s, int entry) {
        for (Watch w : watches) {
            if (w.scope() == s) {
                w.entries().set(entry);
            }
        }
    }

    /** A column visible from {@code scope} or an enclosing level; null when none has it. */
    Expr resolveColumn(String qualifier, String name, Scope scope, boolean grouped) {
        int depth = 0;
        for (Scope s = scope; s != null; s = s.outer, depth++) {
            int i = s.find(qualifier, name);
            if (i >= 0) {
                if (depth == 0 && grouped) {
                    String shown = (qualifier == null ? s.entries.get(i).qualifier() : qualifier);
                    throw new SqlException(SqlState.GROUPING_ERROR, "column \"" + (shown == null ? "" : shown + ".") + name
                            + "\" must appear in the GROUP BY clause or be used in an aggregate function")
                            .withPosition(positionOf(name));
                }
                if (depth > 0) {
                    outerReferences++;
                }
                noteResolved(s, i);
                return new Expr.ColumnRef(depth, i, s.entries.get(i).column().type());
            }
        }
        return qualifier == null ? resolveWholeRow(name, scope) : null;
    }

    /** Each JSON expression's reassociated form, computed once: the rewrite reuses (and re-links) the parser's nodes. */
    private final java.util.Map<Object, net.sf.jsqlparser.expression.Expression> rewrites = new java.util.IdentityHashMap<>();

    net.sf.jsqlparser.expression.Expression rewriteOnce(net.sf.jsqlparser.expression.Expression e,
            java.util.function.UnaryOperator<net.sf.jsqlparser.expression.Expression> rewrite) {
        return rewrites.computeIfAbsent(e, k -> rewrite.apply(e));
    }

    /** Single-column function results whose FROM alias alone names their value ({@code FROM f(x) AS e ... SELECT e}). */
    private final java.util.Set<Plan.Column> wholeRowColumns = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    void noteWholeRowColumn(Plan.Column column) {
        wholeRowColumns.add(column);
    }

    private Expr resolveWholeRow(String alias, Scope scope) {
        int depth = 0;
        for (Scope s = scope; s != null; s = s.outer, depth++) {
            for (int i = 0; i < s.entries.size(); i++) {
                Scope.Entry e = s.entries.get(i);
                if (alias.equals(e.qualifier()) && wholeRowColumns.contains(e.column())) {
                    if (depth > 0) {
                        outerReferences++;
                    }
                    noteResolved(s, i);
                    return new Expr.ColumnRef(depth, i, e.column().type());
                }
            }
        }
        return null;
    }

    boolean qualifierVisible(String qualifier, Scope scope) {
        for (Scope s = scope; s != null; s = s.outer) {
            if (s.hasQualifier(qualifier)) {
                return true;
            }
        }
        return false;
    }

    void pushCommonTables(java.util.Map<String, net.sf.jsqlparser.statement.select.WithItem<?>> names) {
        commonTables.addLast(names);
    }

    /** Recursive queries whose recursive term is being planned: their names read the working table. */
    private final java.util.Map<String, Recursion.WorkTable> workTables = new java.util.HashMap<>();

    void pushWorkTable(Recursion.WorkTable w) { workTables.put(w.name, w); }

    void popWorkTable(Recursion.WorkTable w) { workTables.remove(w.name); }

    Recursion.WorkTable workTable(String name) { return workTables.get(name); }

    void popCommonTables() {
        commonTables.removeLast();
    }

    net.sf.jsqlparser.statement.select.WithItem<?> commonTable(String name) {
        var it = commonTables.descendingIterator();
        while (it.hasNext()) {
            var w = it.next().get(name);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    Subqueries.Sub planSubquery(Select s, Scope outer) {
        int before = outerReferences;
        Plan p = new QueryPlanner(this).planQuery(s, outer);
        return new Subqueries.Sub(p, outerReferences != before);
    }

    /** Plans a query statement (SELECT, VALUES, set operations). */
    public Plan planQuery(Select s) {
        return new QueryPlanner(this).planQuery(s, null);
    }

    Expr aggregate(String name, Function f, ExprBinder.Ctx c) {
        if (c.grouping() == null) {
            if (c.probe()) {
                throw new AggregateFound();
            }
            throw new SqlException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed here")
                    .withPosition(positionOf(name));
        }
        ExprBinder.Ctx inner = new ExprBinder.Ctx(c.grouping().input, null, false, null, null);
        List<Expr> args = new ArrayList<>();
        boolean star = f.getParameters() == null || f.getParameters().size() == 1 && f.getParameters().get(0) instanceof AllColumns;
        if (!star) {
            for (Expression e : f.getParameters()) {
                Expr x = binder().bind(e, inner);
                inferParam(x, SqlType.NUMERIC);
                args.add(x);
            }
        } else if (!name.equals("count")) {
            throw new SqlException(SqlState.SYNTAX_ERROR, name + "(*) is not allowed");
        }
        SqlType type = Aggregates.resultType(name, args.stream().map(Expr::type).toList());
        if (name.equals("string_agg") && args.size() == 2) {
            args = List.of(binder().coerce(args.get(0), SqlType.TEXT), binder().coerce(args.get(1), SqlType.TEXT));
        }
        List<Expr> orderBy = new ArrayList<>();
        List<Operators.SortKey> order = new ArrayList<>();
        if (f.getOrderByElements() != null) {
            for (net.sf.jsqlparser.statement.select.OrderByElement o : f.getOrderByElements()) {
                orderBy.add(binder().bind(o.getExpression(), inner));
                order.add(QueryPlanner.direction(o, args.size() + order.size()));
            }
        }
        return c.grouping().addCall(new Aggregates.Call(name, args, f.isDistinct(), type, orderBy, order));
    }

    Expr window(AnalyticExpression a, ExprBinder.Ctx c) {
        if (c.windows() == null) {
            throw new SqlException("42P20", "window functions are not allowed here");
        }
        if (a.getWindowName() != null) {
            throw Errors.unsupported("named windows (WINDOW clause)");
        }
        if (a.isDistinct()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT is not implemented for window functions");
        }
        String name = a.getName().toLowerCase(Locale.ROOT);
        ExprBinder.Ctx inner = new ExprBinder.Ctx(c.scope(), null, false, null, null);
        List<Expr> args = new ArrayList<>();
        for (Expression e : new Expression[] {a.getExpression(), a.getOffset(), a.getDefaultValue()}) {
            if (e != null && !(e instanceof AllColumns)) {
                args.add(binder().bind(e, inner));
            }
        }
        SqlType type = windowType(name, args);
        List<Expr> partition = new ArrayList<>();
        if (a.getPartitionExpressionList() != null) {
            for (Expression e : a.getPartitionExpressionList()) {
                partition.add(binder().bind(e, inner));
            }
        }
        List<Expr> order = new ArrayList<>();
        List<Operators.SortKey> dirs = new ArrayList<>();
        if (a.getOrderByElements() != null) {
            for (OrderByElement o : a.getOrderByElements()) {
                order.add(binder().bind(o.getExpression(), inner));
                dirs.add(QueryPlanner.direction(o, 0));
            }
        }
        Windows.Frame frame = frame(a.getWindowElement(), order.isEmpty());
        return c.windows().add(new Windows.Spec(name, args, type, partition, order, dirs, frame));
    }

    /** Checks a window call's arguments (coercing lag/lead defaults and counts) and returns its type. */
    private SqlType windowType(String name, List<Expr> args) {
        int[] arity = switch (name) {
            case "row_number", "rank", "dense_rank" -> new int[] {0, 0};
            case "ntile", "first_value", "last_value" -> new int[] {1, 1};
            case "nth_value" -> new int[] {2, 2};
            case "lag", "lead" -> new int[] {1, 3};
            default -> Aggregates.NAMES.contains(name) ? new int[] {0, 2} : null;
        };
        if (arity == null) {
            throw new SqlException("42809", "OVER specified, but " + name + " is not a window function nor an aggregate function");
        }
        if (args.size() < arity[0] || args.size() > arity[1]) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + name + " with " + args.size()
                    + " arguments does not exist");
        }
        switch (name) {
            case "row_number", "rank", "dense_rank" -> { return SqlType.INT8; }
            case "ntile" -> {
                args.set(0, binder().coerce(args.get(0), SqlType.INT4));
                return SqlType.INT4;
            }
            case "nth_value" -> args.set(1, binder().coerce(args.get(1), SqlType.INT4));
            case "lag", "lead" -> {
                if (args.size() > 1) {
                    args.set(1, binder().coerce(args.get(1), SqlType.INT4));
                }
                if (args.size() > 2) {
                    SqlType t = Types.output(Types.common(args.get(0).type(), args.get(2).type(), name));
                    args.set(0, binder().coerce(args.get(0), t));
                    args.set(2, binder().coerce(args.get(2), t));
                }
            }
            case "first_value", "last_value" -> { }
            default -> {
                return Aggregates.resultType(name, args.stream().map(Expr::type).toList());
            }
        }
        return Types.output(args.get(0).type());
    }

    /** The frame clause; without one, PostgreSQL's default (RANGE UNBOUNDED PRECEDING to CURRENT ROW). */
    private static Windows.Frame frame(net.sf.jsqlparser.expression.WindowElement w, boolean unordered) {
        if (w == null) {
            return Windows.Frame.DEFAULT;
        }
        boolean rows = w.getType() == net.sf.jsqlparser.expression.WindowElement.Type.ROWS;
        Windows.Bound start;
        Windows.Bound end = new Windows.Bound(Windows.BoundKind.CURRENT_ROW, 0);
        if (w.getRange() != null) {
            start = bound(w.getRange().getStart(), rows, true);
            end = bound(w.getRange().getEnd(), rows, false);
        } else {
            start = bound(w.getOffset(), rows, true);
        }
        if (start.kind() == Windows.BoundKind.UNBOUNDED_FOLLOWING) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "frame start cannot be UNBOUNDED FOLLOWING");
        }
        if (end.kind() == Windows.BoundKind.UNBOUNDED_PRECEDING) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "frame end cannot be UNBOUNDED PRECEDING");
        }
        return new Windows.Frame(rows, start, end);
    }

    private static Windows.Bound bound(net.sf.jsqlparser.expression.WindowOffset o, boolean rows, boolean start) {
        if (o.getType() == net.sf.jsqlparser.expression.WindowOffset.Type.CURRENT) {
            return new Windows.Bound(Windows.BoundKind.CURRENT_ROW, 0);
        }
        boolean preceding = o.getType() == net.sf.jsqlparser.expression.WindowOffset.Type.PRECEDING;
        if (o.getExpression() == null) {
            return new Windows.Bound(preceding ? Windows.BoundKind.UNBOUNDED_PRECEDING : Windows.BoundKind.UNBOUNDED_FOLLOWING, 0);
        }
        if (!rows) {
            throw Errors.unsupported("RANGE with offset PRECEDING/FOLLOWING");
        }
        if (!(o.getExpression() instanceof net.sf.jsqlparser.expression.LongValue n)) {
            throw Errors.unsupported("a ROWS frame offset other than an integer constant");
        }
        if (n.getValue() < 0) {
            throw new SqlException("22013", "frame starting offset must not be negative");
        }
        return new Windows.Bound(preceding ? Windows.BoundKind.PRECEDING : Windows.BoundKind.FOLLOWING, n.getValue());
    }
}
