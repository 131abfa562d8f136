package io.tessera.sql.plan;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.sql.spi.Oids;
import io.tessera.sql.spi.SystemColumn;
import io.tessera.sql.spi.SystemTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;

/** Plans SELECT, VALUES and set operations into operator trees. */
final class QueryPlanner {
    private final Planner planner;
    private final ExprBinder binder;

    QueryPlanner(Planner planner) {
        this.planner = planner;
        this.binder = planner.binder();
    }

    /** A FROM clause: its plan and the names it makes visible. */
    record From(Plan plan, Scope scope) {}

    Plan planQuery(Select s, Scope outer) {
        if (s.getWithItemsList() == null || s.getWithItemsList().isEmpty()) {
            return planBody(s, outer);
        }
        java.util.Map<String, net.sf.jsqlparser.statement.select.WithItem<?>> names = new java.util.LinkedHashMap<>();
        // RECURSIVE qualifies the whole WITH clause; the parser marks only the item it came with.
        boolean recursive = s.getWithItemsList().stream().anyMatch(net.sf.jsqlparser.statement.select.WithItem::isRecursive);
        for (net.sf.jsqlparser.statement.select.WithItem<?> w : s.getWithItemsList()) {
            w.setRecursive(recursive);
            if (w.getSelect() == null) {
                throw Errors.unsupported("data-modifying statements in WITH");
            }
            names.put(Names.identifier(w.getAliasName()), w);
        }
        planner.pushCommonTables(names);
        try {
            return planBody(s, outer);
        } finally {
            planner.popCommonTables();
        }
    }

    /**
     * A WITH query referenced in FROM: planned in place each time it is referenced (inlined), which
     * is what PostgreSQL does for a non-recursive CTE referenced once.
     */
    private From commonTable(net.sf.jsqlparser.statement.select.WithItem<?> w, String alias, Alias aliasNode, Scope outer) {
        if (w.isRecursive()) {
            return recursiveCommonTable(w, alias, aliasNode, outer);
        }
        Plan plan = planQuery(w.getSelect().getSelect(), null);
        plan = withOrderAndLimit(plan, w.getSelect(), null);
        List<Plan.Column> cols = plan.columns();
        if (w.getWithItemList() != null) {
            List<Plan.Column> named = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                String n = i < w.getWithItemList().size() ? Names.identifier(w.getWithItemList().get(i).toString()) : cols.get(i).name();
                named.add(new Plan.Column(null, n, cols.get(i).type(), cols.get(i).tableOid(), cols.get(i).attnum()));
            }
            cols = named;
        }
        cols = renamed(cols, aliasNode, alias);
        return new From(new Operators.Renamed(plan, cols), Scope.of(alias, cols, null, outer));
    }

    /**
     * A WITH RECURSIVE query of the form {@code non-recursive-term UNION [ALL] recursive-term}
     * (the last UNION splits them). Any other form is planned as a plain query, and a reference to
     * its own name inside it fails with 42P19, as in PostgreSQL.
     */
    private From recursiveCommonTable(net.sf.jsqlparser.statement.select.WithItem<?> w, String alias, Alias aliasNode,
            Scope outer) {
        String name = Names.identifier(w.getAliasName());
        Select body = w.getSelect().getSelect();
        List<Select> selects = body instanceof SetOperationList so ? so.getSelects() : List.of();
        SetOperation last = selects.size() < 2 ? null : ((SetOperationList) body).getOperations().get(selects.size() - 2);
        if (!(last instanceof net.sf.jsqlparser.statement.select.UnionOp union)) {
            Recursion.WorkTable forbidden = new Recursion.WorkTable(name, List.of());
            planner.pushWorkTable(forbidden);
            try {
                w.setRecursive(false);
                return commonTable(w, alias, aliasNode, outer);
            } finally {
                w.setRecursive(true);
                planner.popWorkTable(forbidden);
            }
        }
        SetOperationList so = (SetOperationList) body;
        Select anchorSelect = selects.size() == 2 ? selects.get(0) : new SetOperationList()
                .withSelects(new ArrayList<>(selects.subList(0, selects.size() - 1)))
                .withOperations(new ArrayList<>(so.getOperations().subList(0, selects.size() - 2)));
        Plan anchor = planQuery(anchorSelect, null);
        List<Plan.Column> cols = new ArrayList<>();
        for (int i = 0; i < anchor.columns().size(); i++) {
            Plan.Column c = anchor.columns().get(i);
            String n = w.getWithItemList() != null && i < w.getWithItemList().size()
                    ? Names.identifier(w.getWithItemList().get(i).toString()) : c.name();
            cols.add(Plan.Column.computed(n, Types.output(c.type())));
        }
        Recursion.WorkTable work = new Recursion.WorkTable(name, cols);
        planner.pushWorkTable(work);
        Plan term;
        try {
            term = planQuery(selects.get(selects.size() - 1), null);
        } finally {
            planner.popWorkTable(work);
        }
        if (term.columns().size() != cols.size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "each UNION query must have the same number of columns");
        }
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            coerced.add(binder.coerce(new Expr.ColumnRef(0, i, term.columns().get(i).type()), cols.get(i).type()));
        }
        Plan plan = new Recursion.RecursiveUnion(work, union.isAll(), anchor, new Operators.Project(term, coerced, cols),
                work.referenced, cols);
        plan = withOrderAndLimit(plan, so, null);
        List<Plan.Column> named = renamed(plan.columns(), aliasNode, alias);
        return new From(new Operators.Renamed(plan, named), Scope.of(alias, named, null, outer));
    }

    private From workTableScan(Recursion.WorkTable work, String alias, Alias aliasNode, Scope outer) {
        if (work.columns.isEmpty()) {
            throw new SqlException("42P19", "recursive query \"" + work.name
                    + "\" does not have the form non-recursive-term UNION [ALL] recursive-term");
        }
        work.referenced = true;
        List<Plan.Column> cols = renamed(work.columns, aliasNode, alias);
        return new From(new Recursion.WorkTableScan(work, cols), Scope.of(alias, cols, null, outer));
    }

    private Plan planBody(Select s, Scope outer) {
        return switch (s) {
            case PlainSelect ps -> planSelect(ps, outer);
            case SetOperationList so -> planSetOperation(so, outer);
            case ParenthesedSelect p -> withOrderAndLimit(planQuery(p.getSelect(), outer), p, outer);
            case Values v -> planValues(v, outer);
            default -> throw Errors.unsupported(s.getClass().getSimpleName());
        };
    }

    private Plan withOrderAndLimit(Plan p, Select s, Scope outer) {
        if (s.getOrderByElements() != null && !s.getOrderByElements().isEmpty()) {
            p = sortByOutput(p, s.getOrderByElements(), outer);
        }
        return limit(p, s, outer);
    }

    // ------------------------------------------------------------------ SELECT

    private Plan planSelect(PlainSelect ps, Scope outer) {
        boolean innerJoins = ps.getFromItem() != null && InnerJoinPlanner.applies(ps);
        From from = ps.getFromItem() == null ? new From(new Operators.SingleRow(), Scope.empty(outer))
                : innerJoins ? new InnerJoinPlanner(planner, this::fromItem).plan(ps, outer) // applies WHERE too
                : planFrom(ps, outer);
        Plan plan = from.plan();
        Scope scope = from.scope();
        List<Scope.Source> locked = ps.getForMode() == null ? null : RowLocking.sources(ps, scope);
        if (ps.getWhere() != null && !innerJoins) {
            String text = ps.getWhere().toString(); // before binding re-associates jsonb operators in place
            Expr where = binder.bool(ps.getWhere(), ExprBinder.Ctx.of(scope), "WHERE");
            planner.noteSource(where, text);
            plan = KeyAccessPlanner.pushDown(planner, plan, where);
        }
        boolean grouped = ps.getGroupBy() != null || ps.getHaving() != null || aggregates(ps, scope);
        Grouping grouping = null;
        if (grouped) {
            grouping = new Grouping(scope, planner);
            GroupByElement g = ps.getGroupBy();
            if (g != null && g.getGroupByExpressionList() != null) {
                for (Object o : g.getGroupByExpressionList()) {
                    Expression e = groupExpression((Expression) o, ps);
                    grouping.addGroup(e, binder.bind(e, ExprBinder.Ctx.of(scope)));
                }
            }
        }
        Windows windows = grouped ? null : new Windows(scope.entries.size());
        SetFunctions.Collector setFunctions = grouped ? null : new SetFunctions.Collector(scope.entries.size());
        ExprBinder.Ctx ctx = new ExprBinder.Ctx(scope, grouping, false, windows, setFunctions);
        List<Expr> exprs = new ArrayList<>();
        List<Plan.Column> columns = new ArrayList<>();
        bindSelectList(ps.getSelectItems(), scope, ctx, exprs, columns);
        Expr having = ps.getHaving() == null ? null : binder.bool(ps.getHaving(), ctx, "HAVING");
        int visible = exprs.size();
        List<Operators.SortKey> sortKeys = bindOrderBy(ps, ctx, exprs, columns);
        int[] distinctOn = null;
        if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) {
            distinctOn = bindDistinctOn(ps, ctx, exprs, columns, visible, scope);
            sortKeys = distinctOnOrder(distinctOn, sortKeys);
        }
        List<RowLocking.Target> lockTargets = null;
        if (locked != null) {
            RowLocking.checkShape(ps, grouping != null, windows != null && !windows.specs.isEmpty(),
                    setFunctions != null && !setFunctions.isEmpty());
            lockTargets = RowLocking.addColumns(locked, scope, exprs, columns);
        }
        if (grouping != null) {
            plan = new Aggregates.Aggregate(plan, grouping.groupExprs, grouping.calls, grouping.columns());
            if (having != null) {
                plan = new Operators.Filter(plan, having);
            }
        }
        if (setFunctions != null && !setFunctions.isEmpty()) {
            if (!windows.specs.isEmpty()) {
                throw Errors.unsupported("window functions and set-returning functions in one select list");
            }
            List<Plan.Column> sc = new ArrayList<>(plan.columns());
            setFunctions.names.forEach(n -> sc.add(Plan.Column.computed(n, SqlType.UNKNOWN)));
            plan = new SetFunctions.ProjectSet(plan, setFunctions.names, setFunctions.args, setFunctions.types, sc);
        }
        if (windows != null && !windows.specs.isEmpty()) {
            List<Plan.Column> wc = new ArrayList<>(plan.columns());
            windows.specs.forEach(sp -> wc.add(Plan.Column.computed(sp.function(), sp.type())));
            plan = new Windows.WindowPlan(plan, windows.specs, wc);
        }
        if (servesOrderFromIndex(ps, grouping, windows, setFunctions, distinctOn, sortKeys)) {
            Plan ordered = OrderedIndexPlanner.inIndexOrder(planner, plan,
                    sortKeys.stream().map(k -> exprs.get(k.column())).toList(), sortKeys, firstPageKeys(ps));
            if (ordered != null) {
                plan = ordered;
                sortKeys = List.of();
            }
        }
        plan = new Operators.Project(plan, exprs, columns);
        if (distinctOn != null) {
            plan = new DistinctOn(sortKeys.isEmpty() ? plan : new Operators.Sort(plan, sortKeys), distinctOn);
            sortKeys = List.of();
        } else if (ps.getDistinct() != null) {
            checkDistinctOrder(sortKeys, visible);
            plan = new Operators.Distinct(visible == exprs.size() ? plan : new Operators.Trim(plan, visible));
        }
        if (!sortKeys.isEmpty()) {
            plan = new Operators.Sort(plan, sortKeys);
        }
        plan = limit(plan, ps, outer);
        if (lockTargets != null && !lockTargets.isEmpty()) {
            plan = new RowLocking.LockRows(plan, lockTargets, RowLocking.clause(ps));
        }
        return plan.columns().size() == visible ? plan : new Operators.Trim(plan, visible);
    }

    /**
     * Whether an index may give this level's ORDER BY: a LIMIT stops the ordered read early, and
     * nothing between the scan and the sort (grouping, windows, set-returning functions, DISTINCT)
     * changes the rows' order or number.
     */
    private static boolean servesOrderFromIndex(PlainSelect ps, Grouping grouping, Windows windows,
            SetFunctions.Collector setFunctions, int[] distinctOn, List<Operators.SortKey> sortKeys) {
        boolean limited = ps.getLimit() != null && ps.getLimit().getRowCount() != null && !ps.getLimit().isLimitAll()
                && !ps.getLimit().isLimitNull() || ps.getFetch() != null;
        return limited && !sortKeys.isEmpty() && grouping == null && distinctOn == null && ps.getDistinct() == null
                && windows != null && windows.specs.isEmpty() && setFunctions != null && setFunctions.isEmpty();
    }

    /** The entries an ordered index read asks each fragment for first: LIMIT + OFFSET when both are constants. */
    private static int firstPageKeys(PlainSelect ps) {
        long rows = Long.MAX_VALUE;
        if (ps.getLimit() != null && ps.getLimit().getRowCount() instanceof LongValue n) {
            rows = n.getValue();
            Expression offset = ps.getLimit().getOffset() != null ? ps.getLimit().getOffset()
                    : ps.getOffset() != null ? ps.getOffset().getOffset() : null;
            if (offset instanceof LongValue o) {
                rows += o.getValue();
            } else if (offset != null) {
                rows = Long.MAX_VALUE;
            }
        }
        return (int) Math.min(rows, io.tessera.sql.store.KvRowStore.SCAN_PAGE_KEYS);
    }

    /** The columns of DISTINCT ON's keys: output columns (by position, alias or same text) or hidden ones. */
    private int[] bindDistinctOn(PlainSelect ps, ExprBinder.Ctx ctx, List<Expr> exprs, List<Plan.Column> columns,
            int visible, Scope scope) {
        List<SelectItem<?>> items = ps.getDistinct().getOnSelectItems();
        int[] keys = new int[items.size()];
        for (int k = 0; k < items.size(); k++) {
            Expression e = items.get(k).getExpression();
            int column = outputReference(e, columns.subList(0, visible), scope);
            if (column < 0) {
                column = findSame(e, ps, visible);
            }
            if (column < 0 && ps.getOrderByElements() != null) {
                for (int j = 0; j < ps.getOrderByElements().size() && column < 0; j++) {
                    if (ps.getOrderByElements().get(j).getExpression().toString().equals(e.toString())) {
                        column = orderColumn(ps, j, columns, visible, scope);
                    }
                }
            }
            if (column < 0) {
                Expr x = binder.bind(e, ctx);
                exprs.add(x);
                columns.add(Plan.Column.computed("?distinct?", x.type()));
                column = exprs.size() - 1;
            }
            keys[k] = column;
        }
        return keys;
    }

    /** The column the j-th ORDER BY item sorts by, found again the way bindOrderBy placed it. */
    private static int orderColumn(PlainSelect ps, int j, List<Plan.Column> columns, int visible, Scope scope) {
        int hidden = visible;
        for (int i = 0; i < j; i++) {
            Expression prior = ps.getOrderByElements().get(i).getExpression();
            if (outputReference(prior, columns.subList(0, visible), scope) < 0 && findSame(prior, ps, visible) < 0) {
                hidden++;
            }
        }
        return hidden;
    }

    /**
     * PostgreSQL's rule: the leading ORDER BY items must be DISTINCT ON keys (42P10); the keys the
     * ORDER BY does not name are sorted after them, so that equal keys end up adjacent.
     */
    private static List<Operators.SortKey> distinctOnOrder(int[] keys, List<Operators.SortKey> order) {
        java.util.Set<Integer> keySet = new java.util.HashSet<>();
        for (int k : keys) {
            keySet.add(k);
        }
        List<Operators.SortKey> out = new ArrayList<>();
        java.util.Set<Integer> covered = new java.util.HashSet<>();
        for (int i = 0; i < order.size(); i++) {
            Operators.SortKey key = order.get(i);
            if (covered.size() < keySet.size()) {
                if (!keySet.contains(key.column())) {
                    throw new SqlException("42P10", "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
                }
                covered.add(key.column());
            }
            out.add(key);
        }
        if (covered.size() < keySet.size()) {
            List<Operators.SortKey> head = new ArrayList<>(out);
            for (int k : keys) {
                if (covered.add(k)) {
                    head.add(new Operators.SortKey(k, false, false));
                }
            }
            return head;
        }
        return out;
    }

    /** GROUP BY 1 refers to the first select item, GROUP BY alias to an output column. */
    private static Expression groupExpression(Expression e, PlainSelect ps) {
        if (e instanceof LongValue l) {
            int n = (int) l.getValue();
            if (n < 1 || n > ps.getSelectItems().size()) {
                throw new SqlException("42P10", "GROUP BY position " + n + " is not in select list");
            }
            return ps.getSelectItems().get(n - 1).getExpression();
        }
        return e;
    }

    /** Whether the select list, HAVING or ORDER BY of this level calls an aggregate. */
    private boolean aggregates(PlainSelect ps, Scope scope) {
        ExprBinder.Ctx probe = new ExprBinder.Ctx(scope, null, true, new Windows(scope.entries.size()),
                new SetFunctions.Collector(scope.entries.size()));
        try {
            for (SelectItem<?> item : ps.getSelectItems()) {
                if (!(item.getExpression() instanceof AllColumns) && !(item.getExpression() instanceof AllTableColumns)) {
                    binder.bind(item.getExpression(), probe);
                }
            }
            if (ps.getOrderByElements() != null) {
                for (OrderByElement o : ps.getOrderByElements()) {
                    if (!(o.getExpression() instanceof LongValue)) {
                        bindOrderProbe(o.getExpression(), probe);
                    }
                }
            }
        } catch (Planner.AggregateFound found) {
            return true;
        }
        return false;
    }

    private void bindOrderProbe(Expression e, ExprBinder.Ctx probe) {
        try {
            binder.bind(e, probe);
        } catch (SqlException aliasOrUnknown) {
            // An ORDER BY on an output alias does not bind against the FROM clause; it cannot aggregate.
        }
    }

    /** A select list over one scope, without grouping (RETURNING). */
    void bindItems(List<SelectItem<?>> items, Scope scope, List<Expr> exprs, List<Plan.Column> columns) {
        bindSelectList(items, scope, ExprBinder.Ctx.of(scope), exprs, columns);
    }

    private void bindSelectList(List<SelectItem<?>> items, Scope scope, ExprBinder.Ctx ctx, List<Expr> exprs,
            List<Plan.Column> columns) {
        for (SelectItem<?> item : items) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns && !(e instanceof AllTableColumns)) {
                expandStar(null, scope, ctx, exprs, columns);
            } else if (e instanceof AllTableColumns atc) {
                String q = Names.identifier(atc.getTable().getName());
                if (!scope.hasQualifier(q)) {
                    throw new SqlException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + q + "\"");
                }
                expandStar(q, scope, ctx, exprs, columns);
            } else {
                Expr x = binder.bind(e, ctx);
                exprs.add(x);
                columns.add(outputColumn(item, x, ctx.grouping() == null ? scope : Scope.empty(null)));
            }
        }
    }

    private void expandStar(String qualifier, Scope scope, ExprBinder.Ctx ctx, List<Expr> exprs, List<Plan.Column> columns) {
        if (scope.entries.isEmpty() && qualifier == null) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid");
        }
        List<Integer> order = new ArrayList<>();
        if (qualifier == null) {
            order.addAll(scope.leading);
        }
        for (int i = 0; i < scope.entries.size(); i++) {
            if (!order.contains(i)) {
                order.add(i);
            }
        }
        for (int i : order) {
            Scope.Entry en = scope.entries.get(i);
            if (en.hidden() || qualifier != null && !qualifier.equals(en.qualifier()) || qualifier == null && scope.isMerged(i)) {
                continue;
            }
            if (ctx.grouping() != null) {
                Column col = new Column(en.qualifier() == null ? null : new Table(en.qualifier()), en.name());
                exprs.add(binder.bind(col, ctx));
                columns.add(Plan.Column.computed(en.name(), en.column().type()));
                continue;
            } else {
                exprs.add(new Expr.ColumnRef(0, i, en.column().type()));
            }
            columns.add(en.column());
        }
    }

    /** The column name PostgreSQL gives a select item. */
    private static Plan.Column outputColumn(SelectItem<?> item, Expr x, Scope scope) {
        SqlType type = Types.output(x.type());
        Alias alias = item.getAlias();
        if (alias != null) {
            Plan.Column base = sourceColumn(x, scope);
            String name = Names.identifier(alias.getName());
            return base != null ? new Plan.Column(null, name, type, base.tableOid(), base.attnum())
                    : Plan.Column.computed(name, type);
        }
        Plan.Column base = sourceColumn(x, scope);
        if (base != null) {
            return new Plan.Column(null, base.name(), type, base.tableOid(), base.attnum());
        }
        return Plan.Column.computed(defaultName(item.getExpression()), type);
    }

    private static Plan.Column sourceColumn(Expr x, Scope scope) {
        if (x instanceof Expr.ColumnRef ref && ref.depth() == 0 && ref.index() < scope.entries.size()) {
            return scope.entries.get(ref.index()).column();
        }
        return null;
    }

    /** PostgreSQL's FigureColname: the name a select item gets without an alias. */
    static String defaultName(Expression e) {
        return switch (e) {
            case Column c -> Names.identifier(c.getColumnName());
            case Function f -> Names.functionName(f);
            case CastExpression c when !defaultName(c.getLeftExpression()).equals("?column?") -> defaultName(c.getLeftExpression());
            case CastExpression c -> castName(c.getColDataType().getDataType());
            case net.sf.jsqlparser.expression.CaseExpression c when c.getElseExpression() != null
                    && !defaultName(c.getElseExpression()).equals("?column?") -> defaultName(c.getElseExpression());
            case net.sf.jsqlparser.expression.RowGetExpression r -> Names.identifier(r.getColumnName());
            case net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> p when p.size() == 1 ->
                    defaultName(p.get(0));
            case ParenthesedSelect p when p.getSelect() instanceof PlainSelect ps && ps.getSelectItems().size() == 1 ->
                    ps.getSelectItems().get(0).getAlias() != null ? Names.identifier(ps.getSelectItems().get(0).getAlias().getName())
                            : defaultName(ps.getSelectItems().get(0).getExpression());
            case TimeKeyExpression t -> t.getStringValue().toLowerCase(Locale.ROOT);
            case net.sf.jsqlparser.expression.CaseExpression c -> "case";
            case net.sf.jsqlparser.expression.TrimFunction t -> "btrim";
            case net.sf.jsqlparser.expression.operators.relational.ExistsExpression x -> "exists";
            case net.sf.jsqlparser.expression.ArrayConstructor a -> "array";
            default -> "?column?";
        };
    }

    private static String castName(String typeName) {
        String n = typeName.toLowerCase(Locale.ROOT).replaceFirst("^pg_catalog\\.", "");
        if (n.startsWith("reg")) {
            return n;
        }
        try {
            SqlType t = Types.parse(n, null);
            return switch (t.kind()) {
                case INT2 -> "int2";
                case INT4 -> "int4";
                case INT8 -> "int8";
                case FLOAT4 -> "float4";
                case FLOAT8 -> "float8";
                case BOOL -> "bool";
                case VARCHAR -> "varchar";
                case BPCHAR -> "bpchar";
                case TIMESTAMPTZ -> "timestamptz";
                case TIMESTAMP -> "timestamp";
                default -> t.kind().sqlName();
            };
        } catch (SqlException e) {
            return n;
        }
    }

    // ------------------------------------------------------------------ ORDER BY and LIMIT

    /**
     * Resolves ORDER BY items to columns of the projection: an ordinal or an output alias names a
     * visible column; any other expression is bound against the FROM clause and appended as a hidden
     * column that the final Trim removes.
     */
    private List<Operators.SortKey> bindOrderBy(PlainSelect ps, ExprBinder.Ctx ctx, List<Expr> exprs, List<Plan.Column> columns) {
        List<Operators.SortKey> keys = new ArrayList<>();
        if (ps.getOrderByElements() == null) {
            return keys;
        }
        int visible = exprs.size();
        for (OrderByElement o : ps.getOrderByElements()) {
            int column = outputReference(o.getExpression(), columns.subList(0, visible), ctx.scope());
            if (column < 0) {
                Expr x = binder.bind(o.getExpression(), ctx);
                column = findSame(o.getExpression(), ps, visible);
                if (column < 0) {
                    exprs.add(x);
                    columns.add(Plan.Column.computed("?sort?", x.type()));
                    column = exprs.size() - 1;
                }
            }
            keys.add(direction(o, column));
        }
        return keys;
    }

    /** An ORDER BY item that repeats a select item's text sorts by that item. */
    private static int findSame(Expression e, PlainSelect ps, int visible) {
        String text = e.toString();
        List<SelectItem<?>> items = ps.getSelectItems();
        for (int i = 0; i < items.size() && i < visible; i++) {
            if (items.get(i).getExpression().toString().equals(text) && !(items.get(i).getExpression() instanceof AllColumns)) {
                return i;
            }
        }
        return -1;
    }

    /** An ordinal, or a bare name that is an output column and not a FROM column, names an output column. */
    private static int outputReference(Expression e, List<Plan.Column> columns, Scope scope) {
        if (e instanceof LongValue l) {
            int n = (int) l.getValue();
            if (n < 1 || n > columns.size()) {
                throw new SqlException("42P10", "ORDER BY position " + n + " is not in select list");
            }
            return n - 1;
        }
        if (e instanceof Column c && (c.getTable() == null || c.getTable().getName() == null)) {
            String name = Names.identifier(c.getColumnName());
            int found = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    if (found >= 0) {
                        throw new SqlException(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + name + "\" is ambiguous");
                    }
                    found = i;
                }
            }
            return found;
        }
        return -1;
    }

    static Operators.SortKey direction(OrderByElement o, int column) {
        boolean desc = !o.isAsc();
        boolean nullsFirst = desc;
        if (o.getNullOrdering() != null) {
            nullsFirst = o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
        }
        return new Operators.SortKey(column, desc, nullsFirst);
    }

    private static void checkDistinctOrder(List<Operators.SortKey> keys, int visible) {
        for (Operators.SortKey k : keys) {
            if (k.column() >= visible) {
                throw new SqlException("42P10",
                        "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
            }
        }
    }

    /** ORDER BY over a finished result (set operations, parenthesised queries): output columns only. */
    private Plan sortByOutput(Plan p, List<OrderByElement> order, Scope outer) {
        List<Operators.SortKey> keys = new ArrayList<>();
        for (OrderByElement o : order) {
            int c = outputReference(o.getExpression(), p.columns(), null);
            if (c < 0) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "ORDER BY on a UNION/INTERSECT/EXCEPT result must be on one of the result columns");
            }
            keys.add(direction(o, c));
        }
        return new Operators.Sort(p, keys);
    }

    private Plan limit(Plan p, Select s, Scope outer) {
        Expr limit = null;
        Expr offset = null;
        ExprBinder.Ctx ctx = ExprBinder.Ctx.of(Scope.empty(outer));
        if (s.getLimit() != null && s.getLimit().getRowCount() != null && !s.getLimit().isLimitAll() && !s.getLimit().isLimitNull()) {
            limit = binder.bind(s.getLimit().getRowCount(), ctx);
            planner.inferParam(limit, SqlType.INT8);
        }
        if (s.getLimit() != null && s.getLimit().getOffset() != null) {
            offset = binder.bind(s.getLimit().getOffset(), ctx);
        }
        if (s.getOffset() != null) {
            offset = binder.bind(s.getOffset().getOffset(), ctx);
        }
        if (offset != null) {
            planner.inferParam(offset, SqlType.INT8);
        }
        if (s.getFetch() != null) {
            limit = s.getFetch().getExpression() != null ? binder.bind(s.getFetch().getExpression(), ctx)
                    : new Expr.Constant(s.getFetch().getRowCount() > 0 ? s.getFetch().getRowCount() : 1L, SqlType.INT8);
            planner.inferParam(limit, SqlType.INT8);
        }
        return limit == null && offset == null ? p : new Operators.Limit(p, limit, offset);
    }

    // ------------------------------------------------------------------ set operations and VALUES

    private Plan planSetOperation(SetOperationList so, Scope outer) {
        List<Select> selects = so.getSelects();
        for (Select member : selects) {
            if (member instanceof PlainSelect ps && ps.getForMode() != null) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        RowLocking.clause(ps) + " is not allowed with UNION/INTERSECT/EXCEPT");
            }
        }
        Plan acc = planQuery(selects.get(0), outer);
        for (int i = 1; i < selects.size(); i++) {
            Plan right = planQuery(selects.get(i), outer);
            SetOperation op = so.getOperations().get(i - 1);
            String kind = op.toString().toUpperCase(Locale.ROOT).replace("DISTINCT", "").replace("ALL", "").trim();
            if (kind.equals("MINUS")) {
                kind = "EXCEPT";
            }
            boolean all = op.toString().toUpperCase(Locale.ROOT).contains("ALL");
            acc = setOp(kind, all, acc, right);
        }
        return withOrderAndLimit(acc, so, outer);
    }

    private Plan setOp(String kind, boolean all, Plan left, Plan right) {
        if (left.columns().size() != right.columns().size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "each " + kind + " query must have the same number of columns");
        }
        List<Plan.Column> cols = new ArrayList<>();
        List<Expr> le = new ArrayList<>();
        List<Expr> re = new ArrayList<>();
        for (int i = 0; i < left.columns().size(); i++) {
            Plan.Column lc = left.columns().get(i);
            SqlType t = Types.output(Types.common(lc.type(), right.columns().get(i).type(), kind));
            cols.add(Plan.Column.computed(lc.name(), t));
            le.add(binder.coerce(new Expr.ColumnRef(0, i, lc.type()), t));
            re.add(binder.coerce(new Expr.ColumnRef(0, i, right.columns().get(i).type()), t));
        }
        Plan l = new Operators.Project(left, le, cols);
        Plan r = new Operators.Project(right, re, cols);
        return new Operators.SetOp(kind, all, l, r, cols);
    }

    /**
     * The rows of a VALUES list. JSqlParser gives several rows as parenthesised lists, but a single
     * row as the plain list of its values.
     */
    static List<List<Expression>> valueRows(Values v) {
        List<List<Expression>> rows = new ArrayList<>();
        boolean severalRows = v.getExpressions().stream()
                .allMatch(e -> e instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?>);
        if (!severalRows) {
            rows.add(new ArrayList<>(v.getExpressions()));
            return rows;
        }
        for (Object row : v.getExpressions()) {
            rows.add(new ArrayList<Expression>((ExpressionList<?>) row));
        }
        return rows;
    }

    private Plan planValues(Values v, Scope outer) {
        List<List<Expr>> rows = new ArrayList<>();
        ExprBinder.Ctx ctx = ExprBinder.Ctx.of(Scope.empty(outer));
        int width = -1;
        for (List<Expression> items : valueRows(v)) {
            List<Expr> exprs = new ArrayList<>();
            for (Expression e : items) {
                exprs.add(binder.bind(e, ctx));
            }
            if (width >= 0 && exprs.size() != width) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length");
            }
            width = exprs.size();
            rows.add(exprs);
        }
        List<SqlType> types = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            SqlType t = SqlType.UNKNOWN;
            for (List<Expr> r : rows) {
                t = Types.common(t, r.get(c).type(), "VALUES");
            }
            types.add(Types.output(t));
        }
        List<Plan.Column> cols = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            cols.add(Plan.Column.computed("column" + (c + 1), types.get(c)));
        }
        List<List<Expr>> coerced = rows.stream()
                .map(r -> { List<Expr> out = new ArrayList<>(); for (int c = 0; c < r.size(); c++) out.add(binder.coerce(r.get(c), types.get(c))); return out; })
                .toList();
        return new Operators.ValuesPlan(cols, coerced);
    }

    // ------------------------------------------------------------------ FROM

    /**
     * The rows UPDATE ... FROM and DELETE ... USING act on: the target table joined (as a comma
     * join) with the other FROM items, filtered by WHERE. The target's columns come first.
     */
    Plan targetJoin(Table target, List<FromItem> others, List<Join> joins, Expression where) {
        PlainSelect ps = new PlainSelect().withFromItem(target);
        List<Join> all = new ArrayList<>();
        for (FromItem item : others) {
            Join comma = new Join();
            comma.setSimple(true);
            comma.setRightItem(item);
            all.add(comma);
        }
        if (joins != null) {
            all.addAll(joins);
        }
        ps.setJoins(all);
        From from = planFrom(ps, null);
        if (where == null) {
            return from.plan();
        }
        String text = where.toString(); // before binding re-associates jsonb operators in place
        Expr condition = binder.bool(where, ExprBinder.Ctx.of(from.scope()), "WHERE");
        planner.noteSource(condition, text);
        return KeyAccessPlanner.pushDown(planner, from.plan(), condition);
    }

    /** The scope of {@link #targetJoin}'s rows, for binding SET expressions. */
    Scope targetJoinScope(Table target, List<FromItem> others, List<Join> joins) {
        PlainSelect ps = new PlainSelect().withFromItem(target);
        List<Join> all = new ArrayList<>();
        for (FromItem item : others) {
            Join comma = new Join();
            comma.setSimple(true);
            comma.setRightItem(item);
            all.add(comma);
        }
        if (joins != null) {
            all.addAll(joins);
        }
        ps.setJoins(all);
        return planFrom(ps, null).scope();
    }

    private From planFrom(PlainSelect ps, Scope outer) {
        From acc = fromItem(ps.getFromItem(), outer);
        if (ps.getJoins() != null) {
            for (Join j : ps.getJoins()) {
                acc = join(acc, j, outer);
            }
        }
        return acc;
    }

    private From join(From left, Join j, Scope outer) {
        boolean lateral = j.getRightItem() instanceof net.sf.jsqlparser.statement.select.LateralSubSelect;
        // A function in FROM is implicitly LATERAL, as in PostgreSQL: its arguments see the tables to its left.
        boolean lateralFunction = j.getRightItem() instanceof net.sf.jsqlparser.statement.select.TableFunction
                && !j.isRight() && !j.isFull();
        From right = lateral ? source(derived((ParenthesedSelect) j.getRightItem(), left.scope()), "subquery")
                : lateralFunction ? source(functionScan((net.sf.jsqlparser.statement.select.TableFunction) j.getRightItem(),
                        left.scope()), "function")
                : fromItem(j.getRightItem(), outer);
        lateral |= lateralFunction;
        Scope scope = left.scope().join(right.scope());
        Joins.Kind kind = j.isLeft() ? Joins.Kind.LEFT : j.isRight() ? Joins.Kind.RIGHT : j.isFull() ? Joins.Kind.FULL : Joins.Kind.INNER;
        Expr on = null;
        List<Column> using = j.getUsingColumns();
        if (j.isNatural()) {
            using = commonColumns(left.scope(), right.scope());
        }
        if (using != null && !using.isEmpty()) {
            on = usingCondition(using, left.scope(), right.scope(), scope);
            scope = mergeUsing(scope, using, left.scope(), right.scope(), kind);
        } else if (j.getOnExpressions() != null && !j.getOnExpressions().isEmpty()) {
            List<Expr> terms = new ArrayList<>();
            for (Expression e : j.getOnExpressions()) {
                terms.add(binder.bool(e, ExprBinder.Ctx.of(scope), "JOIN/ON"));
            }
            on = terms.size() == 1 ? terms.get(0) : new Predicates.And(terms);
        } else if (j.isNatural()) {
            on = null; // no common columns: a cross join, as in PostgreSQL
        } else if (!j.isSimple() && !j.isCross() && !(j.isInner() && j.getOnExpressions().isEmpty()) && kind != Joins.Kind.INNER) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error: " + kind + " JOIN needs an ON condition");
        }
        if (lateral) {
            if (kind != Joins.Kind.INNER && kind != Joins.Kind.LEFT) {
                throw Errors.unsupported(kind + " JOIN LATERAL");
            }
            return new From(new Joins.Lateral(left.plan(), right.plan(), kind, on), scope);
        }
        return new From(JoinPlanner.join(left.plan(), right.plan(), kind, on), scope);
    }

    /** NATURAL JOIN's columns: the visible names both sides have, in the left side's order. */
    private static List<Column> commonColumns(Scope left, Scope right) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < left.entries.size(); i++) {
            Scope.Entry e = left.entries.get(i);
            if (!e.hidden() && !left.isMerged(i) && right.find(null, e.name()) >= 0
                    && out.stream().noneMatch(c -> c.getColumnName().equals(e.name()))) {
                out.add(new Column(e.name()));
            }
        }
        return out;
    }

    /**
     * After USING, an unqualified name means one column: the left side's for inner and left joins,
     * the right side's for right joins. A full join keeps both (an unqualified reference is then
     * ambiguous, where PostgreSQL would coalesce them).
     */
    private static Scope mergeUsing(Scope joined, List<Column> using, Scope left, Scope right, Joins.Kind kind) {
        if (kind == Joins.Kind.FULL) {
            return joined;
        }
        List<Integer> away = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (Column c : using) {
            String name = Names.identifier(c.getColumnName());
            int l = left.find(null, name);
            int r = left.entries.size() + right.find(null, name);
            away.add(kind == Joins.Kind.RIGHT ? l : r);
            kept.add(kind == Joins.Kind.RIGHT ? r : l);
        }
        return joined.withMerged(away, kept);
    }

    private Expr usingCondition(List<Column> using, Scope left, Scope right, Scope joined) {
        List<Expr> terms = new ArrayList<>();
        int width = left.entries.size();
        for (Column c : using) {
            String name = Names.identifier(c.getColumnName());
            int l = left.find(null, name);
            int r = right.find(null, name);
            if (l < 0 || r < 0) {
                throw Errors.undefinedColumn("\"" + name + "\" specified in USING clause");
            }
            Expr[] pair = binder.unify(new Expr.ColumnRef(0, l, left.entries.get(l).column().type()),
                    new Expr.ColumnRef(0, width + r, right.entries.get(r).column().type()), "=");
            terms.add(new Predicates.Compare("=", pair[0], pair[1]));
        }
        return terms.size() == 1 ? terms.get(0) : new Predicates.And(terms);
    }

    private From fromItem(FromItem item, Scope outer) {
        return switch (item) {
            case Table t -> table(t, outer);
            case Values v -> {
                Plan plan = planValues(v, outer);
                String alias = v.getAlias() == null ? "*values*" : Names.identifier(v.getAlias().getName());
                List<Plan.Column> cols = renamed(plan.columns(), v.getAlias(), alias);
                yield source(new From(new Operators.Renamed(plan, cols), Scope.of(alias, cols, null, outer)), "VALUES");
            }
            case ParenthesedSelect p -> source(derived(p, outer), "subquery");
            case ParenthesedFromItem p -> parenthesised(p, outer);
            case net.sf.jsqlparser.statement.select.TableFunction tf -> source(functionScan(tf, outer), "function");
            default -> throw Errors.unsupported("FROM item " + item);
        };
    }

    /** {@code from} as one FROM item of this kind, named by its columns' qualifier (see {@link Scope#sources}). */
    private static From source(From from, String kind) {
        List<Scope.Entry> entries = from.scope().entries;
        String alias = entries.isEmpty() ? null : entries.get(0).qualifier();
        return new From(from.plan(), from.scope().asSource(alias, kind, null));
    }

    private From functionScan(net.sf.jsqlparser.statement.select.TableFunction tf, Scope outer) {
        Function f = tf.getFunction();
        String name = Names.functionName(f);
        ExprBinder.Ctx ctx = ExprBinder.Ctx.of(Scope.empty(outer));
        List<Expr> args = new ArrayList<>();
        if (f.getParameters() != null) {
            for (Expression e : f.getParameters()) {
                args.add(binder.bind(e, ctx));
            }
        }
        boolean setReturning = SetFunctions.isSetReturning(name);
        SqlType type;
        List<Plan.Column> cols = new ArrayList<>();
        if (setReturning) {
            type = SetFunctions.resultType(name, args);
            cols.addAll(SetFunctions.columns(name, type));
        } else {
            Expr call = binder.function(name, args, ctx);
            args = List.of(call);
            type = call.type();
            cols.add(Plan.Column.computed(name, Types.output(type)));
        }
        boolean ordinality = tf.getWithClause() != null && tf.getWithClause().toUpperCase(Locale.ROOT).contains("ORDINALITY");
        if (ordinality) {
            cols.add(Plan.Column.computed("ordinality", SqlType.INT8));
        }
        String alias = tf.getAlias() == null ? name : Names.identifier(tf.getAlias().getName());
        // A function with a named output column (jsonb_array_elements' "value") keeps it under an
        // alias; the alias alone then names that single column, as PostgreSQL's whole-row reference.
        boolean namedOutput = JsonFns.isSetReturning(name) && !name.equals("jsonb_object_keys");
        if (tf.getAlias() != null && tf.getAlias().getAliasColumns() == null && cols.size() == 1 && !namedOutput) {
            cols = List.of(Plan.Column.computed(alias, cols.get(0).type()));
        }
        cols = renamed(cols, tf.getAlias(), alias);
        if (namedOutput && cols.size() == 1 && tf.getAlias() != null) {
            planner.noteWholeRowColumn(cols.get(0));
        }
        Plan scan = new SetFunctions.FunctionScan(name, args, setReturning, type, ordinality, cols);
        return new From(scan, Scope.of(alias, cols, null, outer));
    }

    private From parenthesised(ParenthesedFromItem p, Scope outer) {
        From acc = fromItem(p.getFromItem(), outer);
        if (p.getJoins() != null) {
            for (Join j : p.getJoins()) {
                acc = join(acc, j, outer);
            }
        }
        if (p.getAlias() != null) {
            String alias = Names.identifier(p.getAlias().getName());
            List<Plan.Column> cols = renamed(acc.plan().columns(), p.getAlias(), alias);
            return new From(new Operators.Renamed(acc.plan(), cols), Scope.of(alias, cols, null, outer).withSourcesOf(acc.scope()));
        }
        return acc;
    }

    private From derived(ParenthesedSelect p, Scope outer) {
        Plan plan = planQuery(p.getSelect(), outer);
        plan = withOrderAndLimit(plan, p, outer);
        String alias = p.getAlias() == null ? null : Names.identifier(p.getAlias().getName());
        List<Plan.Column> cols = renamed(plan.columns(), p.getAlias(), alias);
        return new From(new Operators.Renamed(plan, cols), Scope.of(alias, cols, null, outer));
    }

    private static List<Plan.Column> renamed(List<Plan.Column> columns, Alias alias, String qualifier) {
        List<Plan.Column> out = new ArrayList<>();
        List<Alias.AliasColumn> names = alias == null ? null : alias.getAliasColumns();
        for (int i = 0; i < columns.size(); i++) {
            Plan.Column c = columns.get(i);
            String name = names != null && i < names.size() ? Names.identifier(names.get(i).name) : c.name();
            out.add(new Plan.Column(qualifier, name, c.type(), c.tableOid(), c.attnum()));
        }
        return out;
    }

    private From table(Table t, Scope outer) {
        String schema = t.getSchemaName() == null ? null : Names.identifier(t.getSchemaName());
        String name = Names.identifier(t.getName());
        String alias = t.getAlias() == null ? name : Names.identifier(t.getAlias().getName());
        if (schema == null && planner.workTable(name) != null) {
            return source(workTableScan(planner.workTable(name), alias, t.getAlias(), outer), "WITH query");
        }
        if (schema == null && planner.commonTable(name) != null) {
            return source(commonTable(planner.commonTable(name), alias, t.getAlias(), outer), "WITH query");
        }
        if (schema == null || schema.equals("public")) {
            var table = planner.catalog().table(name);
            if (table.isPresent()) {
                planner.noteTableRead(name);
                return userTable(table.get(), alias, t.getAlias(), outer);
            }
            var view = planner.catalog().view(name);
            if (view.isPresent()) {
                return source(userView(view.get(), alias, t.getAlias(), outer), "view");
            }
        }
        if (schema == null || !schema.equals("public")) {
            SystemTable st = planner.systemTables().find(schema, name);
            if (st != null) {
                return source(systemTable(st, alias, t.getAlias(), outer), "system table");
            }
        }
        String shown = schema == null ? name : schema + "." + name;
        throw Errors.undefinedTable(shown).withPosition(planner.positionOf(t.getName()));
    }

    private From userTable(TableDescriptor td, String alias, Alias aliasNode, Scope outer) {
        List<Plan.Column> cols = new ArrayList<>();
        List<Boolean> hidden = new ArrayList<>();
        int oid = Oids.tableOid(td.id());
        for (int i = 0; i < td.columns().size(); i++) {
            ColumnDescriptor c = td.columns().get(i);
            cols.add(new Plan.Column(alias, c.name(), c.type(), oid, i + 1));
            hidden.add(c.hidden());
        }
        cols = renamed(cols, aliasNode, alias);
        Plan scan = new Scans.TableScan(td, cols, Scans.KeyAccess.FULL);
        return new From(scan, Scope.of(alias, cols, hidden, outer).asSource(alias, "table", td));
    }

    /** A view is its query planned in place, its columns named as when it was created. */
    private From userView(io.tessera.cluster.api.ViewDescriptor view, String alias, Alias aliasNode, Scope outer) {
        Plan plan = planner.expandView(view);
        List<Plan.Column> cols = new ArrayList<>();
        int oid = Oids.tableOid(view.id());
        for (int i = 0; i < plan.columns().size(); i++) {
            String name = i < view.columns().size() ? view.columns().get(i).name() : plan.columns().get(i).name();
            cols.add(new Plan.Column(alias, name, plan.columns().get(i).type(), oid, i + 1));
        }
        cols = renamed(cols, aliasNode, alias);
        return new From(new Operators.Renamed(plan, cols), Scope.of(alias, cols, null, outer));
    }

    private From systemTable(SystemTable st, String alias, Alias aliasNode, Scope outer) {
        List<Plan.Column> cols = new ArrayList<>();
        int n = 1;
        for (SystemColumn c : st.columns()) {
            cols.add(new Plan.Column(alias, c.name(), c.type(), st.oid(), n++));
        }
        cols = renamed(cols, aliasNode, alias);
        return new From(new Scans.SystemScan(st, cols), Scope.of(alias, cols, null, outer));
    }

    static boolean isText(SqlType t) {
        return t.kind().isString() && t.kind() != TypeKind.UNKNOWN;
    }
}
