package io.tessera.sql.plan;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TextFormat;
import io.tessera.common.types.TypeKind;
import io.tessera.sql.spi.Oids;
import io.tessera.sql.store.RowChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * INSERT, UPDATE and DELETE. Each collects its row changes and hands them to the store in one
 * {@code RowStore.apply}, so a statement writes one batch per fragment whatever its row count.
 */
public final class DmlPlanner {
    private final Planner planner;
    private final ExprBinder binder;

    /** The CHECK constraints of the statement's target table, bound by {@link #target}. */
    private CheckConstraints checks;

    public DmlPlanner(Planner planner) {
        this.planner = planner;
        this.binder = planner.binder();
    }

    private TableDescriptor target(Table t, String verb) {
        String name = Names.identifier(t.getName());
        String schema = t.getSchemaName() == null ? null : Names.identifier(t.getSchemaName());
        if (schema != null && !schema.equals("public")) {
            if (planner.systemTables().find(schema, name) != null) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot change system table \"" + schema + "." + name + "\"");
            }
            throw Errors.undefinedTable(schema + "." + name).withPosition(planner.positionOf(t.getName()));
        }
        if (planner.catalog().view(name).isPresent()) {
            String[] hint = switch (verb) {
                case "insert into" -> new String[] {"inserting into", "INSERT"};
                case "update" -> new String[] {"updating", "UPDATE"};
                default -> new String[] {"deleting from", "DELETE"};
            };
            throw new SqlException("55000", "cannot " + verb + " view \"" + name + "\"")
                    .withDetail("Views are not automatically updatable in Tessera.")
                    .withHint("To enable " + hint[0] + " the view, provide an INSTEAD OF " + hint[1]
                            + " trigger or an unconditional ON " + hint[1] + " DO INSTEAD rule.");
        }
        TableDescriptor td = planner.catalog().table(name)
                .orElseThrow(() -> Errors.undefinedTable(name).withPosition(planner.positionOf(t.getName())));
        checks = CheckConstraints.bind(td, tableScope(td, td.name()), binder);
        return td;
    }

    static Scope tableScope(TableDescriptor td, String alias) {
        List<Plan.Column> cols = new ArrayList<>();
        List<Boolean> hidden = new ArrayList<>();
        for (int i = 0; i < td.columns().size(); i++) {
            ColumnDescriptor c = td.columns().get(i);
            cols.add(new Plan.Column(alias, c.name(), c.type(), Oids.tableOid(td.id()), i + 1));
            hidden.add(c.hidden());
        }
        return Scope.of(alias, cols, hidden, null);
    }

    private static String aliasOf(Table t, TableDescriptor td) {
        return t.getAlias() == null ? td.name() : Names.identifier(t.getAlias().getName());
    }

    // ------------------------------------------------------------------ assignment

    /** Converts a value for storing in a column: 42804 for an incompatible type, 22001/22003 at run time. */
    Expr assign(Expr x, ColumnDescriptor col) {
        planner.inferParam(x, col.type());
        SqlType from = x.type();
        SqlType to = col.type();
        if (!assignable(from.kind(), to.kind())) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "column \"" + col.name() + "\" is of type " + to.displayName()
                    + " but expression is of type " + Types.output(from).displayName())
                    .withHint("You will need to rewrite or cast the expression.");
        }
        if (x instanceof Expr.Constant k && k.value() instanceof String s && !Types.isDateTime(to.kind())) {
            try {
                return new Expr.Constant(Casts.cast(s, from, to, java.time.ZoneOffset.UTC, false), to);
            } catch (SqlException e) {
                throw e.position() == 0 ? e.withPosition(planner.positionOf("'" + s + "'")) : e;
            }
        }
        return new Expr.Cast(x, to, false);
    }

    private static boolean assignable(TypeKind from, TypeKind to) {
        if (from == to || from == TypeKind.UNKNOWN || to.isString()) {
            return true;
        }
        if (from.isNumeric() && to.isNumeric()) {
            return true;
        }
        if (Types.isDateTime(from) && Types.isDateTime(to)) {
            return true;
        }
        return from.isString() && to == TypeKind.JSONB || from.isArray() && to.isArray();
    }

    /** The bound DEFAULT of a column, or a NULL constant. */
    Expr defaultOf(ColumnDescriptor col) {
        if (col.defaultExpression() == null) {
            return new Expr.Constant(null, col.type());
        }
        try {
            Expression e = CCJSqlParserUtil.parseExpression(col.defaultExpression());
            return assign(binder.bind(e, ExprBinder.Ctx.of(Scope.empty(null))), col);
        } catch (JSQLParserException e) {
            throw new IllegalStateException("stored DEFAULT of column " + col.name() + " does not parse: " + col.defaultExpression(), e);
        }
    }

    static void checkNotNull(TableDescriptor td, Object[] row, java.time.ZoneId zone) {
        for (int i = 0; i < row.length; i++) {
            ColumnDescriptor c = td.columns().get(i);
            if (row[i] == null && c.notNull()) {
                throw new SqlException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + c.name() + "\" of relation \""
                        + td.name() + "\" violates not-null constraint").withDetail("Failing row contains " + describe(td, row, zone) + ".");
            }
        }
    }

    static String describe(TableDescriptor td, Object[] row, java.time.ZoneId zone) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            if (!td.columns().get(i).hidden()) {
                parts.add(row[i] == null ? "null" : TextFormat.format(row[i], td.columns().get(i).type(), zone));
            }
        }
        return "(" + String.join(", ", parts) + ")";
    }

    // ------------------------------------------------------------------ INSERT

    public BoundStatement planInsert(Insert insert) {
        if (insert.getDuplicateUpdateSets() != null) {
            throw Errors.unsupported("INSERT ... ON DUPLICATE KEY UPDATE");
        }
        TableDescriptor td = target(insert.getTable(), "insert into");
        List<Integer> targets = targetColumns(insert, td);
        Plan source = insertSource(insert, td, targets);
        List<Expr> defaults = new ArrayList<>();
        for (ColumnDescriptor c : td.columns()) {
            defaults.add(c.hidden() ? null : defaultOf(c));
        }
        Returning returning = returning(insert.getReturningClause(), td, aliasOf(insert.getTable(), td));
        OnConflict onConflict = insert.getConflictAction() == null ? null : onConflict(insert, td);
        return new InsertStatement(td, targets, source, defaults, returning, onConflict);
    }

    /**
     * ON CONFLICT: DO NOTHING skips a row that conflicts with an existing one, DO UPDATE rewrites
     * the existing row. {@code assignments} see the existing row followed by the proposed one
     * (qualified {@code excluded}). The arbiters are the unique keys a conflict is looked for on:
     * the primary key (a null entry) and unique indexes; the one the target names, or every one
     * for DO NOTHING without a target, as in PostgreSQL. {@code keys} computes the expression key
     * parts of arbiters that have them.
     */
    private record OnConflict(boolean update, Expr[] assignments, Expr where, List<IndexDescriptor> arbiters,
            io.tessera.sql.store.KeyExpressions keys) {}

    private OnConflict onConflict(Insert insert, TableDescriptor td) {
        var target = insert.getConflictTarget();
        List<IndexDescriptor> arbiters = target == null ? allArbiters(td) : java.util.Collections.singletonList(arbiter(target, td));
        var action = insert.getConflictAction();
        if (action.getConflictActionType() == net.sf.jsqlparser.statement.insert.ConflictActionType.DO_NOTHING) {
            return new OnConflict(false, null, null, arbiters, keyExpressions());
        }
        if (target == null) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires inference specification or constraint name");
        }
        String alias = aliasOf(insert.getTable(), td);
        Scope existing = tableScope(td, alias);
        List<Scope.Entry> entries = new ArrayList<>(existing.entries);
        for (Scope.Entry e : tableScope(td, "excluded").entries) {
            entries.add(e);
        }
        ExprBinder.Ctx ctx = ExprBinder.Ctx.of(new Scope(entries, null));
        Expr[] assignments = new Expr[td.columns().size()];
        for (UpdateSet set : action.getUpdateSets()) {
            for (int i = 0; i < set.getColumns().size(); i++) {
                String name = Names.identifier(set.getColumns().get(i).getColumnName());
                int idx = td.columnIndex(name);
                if (idx < 0 || td.columns().get(idx).hidden()) {
                    throw Errors.undefinedColumn("\"" + name + "\" of relation \"" + td.name() + "\"");
                }
                assignments[idx] = assign(binder.bind(set.getValues().get(i), ctx), td.columns().get(idx));
            }
        }
        Expr where = action.getWhereExpression() == null ? null : binder.bool(action.getWhereExpression(), ctx, "WHERE");
        return new OnConflict(true, assignments, where, arbiters, keyExpressions());
    }

    private IndexExpressions keyExpressions() {
        return new IndexExpressions(planner.catalog(), planner.systemTables(), planner.functions());
    }

    /** The primary key (null) and every readable unique index: DO NOTHING without a target. */
    private static List<IndexDescriptor> allArbiters(TableDescriptor td) {
        List<IndexDescriptor> out = new ArrayList<>();
        out.add(null);
        td.indexes().stream().filter(i -> i.unique() && i.readable()).forEach(out::add);
        return out;
    }

    /**
     * The unique key an ON CONFLICT target names: {@code ON CONSTRAINT name} (the primary key's
     * {@code table_pkey} or a unique index), or the columns of the primary key or of a unique
     * index (in any order); null stands for the primary key.
     */
    private static IndexDescriptor arbiter(net.sf.jsqlparser.statement.insert.InsertConflictTarget target,
            TableDescriptor td) {
        if (target.getIndexExpression() != null || target.getWhereExpression() != null) {
            throw Errors.unsupported("ON CONFLICT with an index expression or predicate");
        }
        if (target.getConstraintName() != null) {
            String name = Names.identifier(target.getConstraintName());
            if (name.equals(td.name() + "_pkey")) {
                return null;
            }
            return td.indexes().stream().filter(i -> i.unique() && i.name().equals(name)).findFirst()
                    .map(i -> {
                        if (i.columns().contains(IndexDescriptor.EXPRESSION)) {
                            throw Errors.unsupported("ON CONFLICT with an index on expressions (" + name + ")");
                        }
                        return readableArbiter(i);
                    })
                    .orElseThrow(() -> new SqlException(SqlState.UNDEFINED_OBJECT,
                            "constraint \"" + name + "\" for table \"" + td.name() + "\" does not exist"));
        }
        java.util.Set<Integer> cols = new java.util.HashSet<>();
        for (String n : target.getIndexColumnNames()) {
            int i = td.columnIndex(Names.identifier(n));
            if (i < 0) {
                throw Errors.undefinedColumn("\"" + Names.identifier(n) + "\" of relation \"" + td.name() + "\"");
            }
            cols.add(i);
        }
        if (cols.equals(java.util.Set.copyOf(td.primaryKey()))) {
            return null;
        }
        for (IndexDescriptor index : td.indexes()) {
            if (index.columns().contains(IndexDescriptor.EXPRESSION)) {
                continue; // ON CONFLICT (column, ...) names columns; an expression index is never the arbiter
            }
            java.util.Set<Integer> indexed = new java.util.HashSet<>();
            index.columns().forEach(id -> indexed.add(td.columnPosition(id)));
            if (index.unique() && indexed.equals(cols)) {
                return readableArbiter(index);
            }
        }
        throw new SqlException("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification");
    }

    /** A unique index still being built cannot be searched for a conflict yet. */
    private static IndexDescriptor readableArbiter(IndexDescriptor index) {
        if (!index.readable()) {
            throw new SqlException("55006", "index \"" + index.name() + "\" is still being built; retry the statement");
        }
        return index;
    }

    private static List<Integer> targetColumns(Insert insert, TableDescriptor td) {
        List<Integer> out = new ArrayList<>();
        if (insert.getColumns() == null || insert.getColumns().isEmpty()) {
            for (int i = 0; i < td.columns().size(); i++) {
                if (!td.columns().get(i).hidden()) {
                    out.add(i);
                }
            }
            return out;
        }
        for (Column c : insert.getColumns()) {
            String name = Names.identifier(c.getColumnName());
            int i = td.columnIndex(name);
            if (i < 0 || td.columns().get(i).hidden()) {
                throw Errors.undefinedColumn("\"" + name + "\" of relation \"" + td.name() + "\"");
            }
            if (out.contains(i)) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "column \"" + name + "\" specified more than once");
            }
            out.add(i);
        }
        return out;
    }

    /** Rows of the target columns, already converted to the column types; null entries mean DEFAULT. */
    private Plan insertSource(Insert insert, TableDescriptor td, List<Integer> targets) {
        if (insert.getSelect() instanceof Values values) {
            return valuesSource(values, td, targets);
        }
        if (insert.getSelect() == null) {
            // INSERT ... DEFAULT VALUES: one row, every column from its default
            return new DefaultAwareValues(List.of(), List.of(List.of()));
        }
        Plan q = new QueryPlanner(planner).planQuery(insert.getSelect(), null);
        if (q.columns().size() > targets.size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
        }
        List<Expr> exprs = new ArrayList<>();
        List<Plan.Column> cols = new ArrayList<>();
        for (int i = 0; i < q.columns().size(); i++) {
            ColumnDescriptor c = td.columns().get(targets.get(i));
            exprs.add(assign(new Expr.ColumnRef(0, i, q.columns().get(i).type()), c));
            cols.add(Plan.Column.computed(c.name(), c.type()));
        }
        return new Operators.Project(q, exprs, cols);
    }

    private Plan valuesSource(Values values, TableDescriptor td, List<Integer> targets) {
        List<List<Expr>> rows = new ArrayList<>();
        ExprBinder.Ctx ctx = ExprBinder.Ctx.of(Scope.empty(null));
        for (List<Expression> items : QueryPlanner.valueRows(values)) {
            if (items.size() > targets.size()) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
            }
            List<Expr> exprs = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Expression e = items.get(i);
                boolean isDefault = e instanceof Column c && c.getTable() == null && c.getColumnName().equalsIgnoreCase("default");
                exprs.add(isDefault ? null : assign(binder.bind(e, ctx), td.columns().get(targets.get(i))));
            }
            rows.add(exprs);
        }
        List<Plan.Column> cols = targets.stream().map(i -> Plan.Column.computed(td.columns().get(i).name(), td.columns().get(i).type())).toList();
        return new DefaultAwareValues(cols, rows);
    }

    /** VALUES rows where a null expression stands for DEFAULT (evaluated later, per row). */
    private record DefaultAwareValues(List<Column> columns, List<List<Expr>> rows) implements Plan {
        static final Object DEFAULT = new Object();

        @Override
        public Rows open(Env outer) {
            int[] i = {0};
            return () -> {
                if (i[0] >= rows.size()) {
                    return null;
                }
                List<Expr> exprs = rows.get(i[0]++);
                Object[] row = new Object[exprs.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = exprs.get(c) == null ? DEFAULT : exprs.get(c).eval(outer);
                }
                return row;
            };
        }
    }

    /** RETURNING: expressions over the written (or deleted) row. */
    record Returning(List<Expr> exprs, List<Plan.Column> columns) {
        Object[] project(Object[] row, ExecContext ctx) {
            Env env = Env.root(ctx).child(row);
            Object[] out = new Object[exprs.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = exprs.get(i).eval(env);
            }
            return out;
        }
    }

    private Returning returning(ReturningClause clause, TableDescriptor td, String alias) {
        if (clause == null || clause.isEmpty()) {
            return null;
        }
        Scope scope = tableScope(td, alias);
        List<Expr> exprs = new ArrayList<>();
        List<Plan.Column> cols = new ArrayList<>();
        List<SelectItem<?>> items = new ArrayList<>(clause);
        new QueryPlanner(planner).bindItems(items, scope, exprs, cols);
        return new Returning(exprs, cols);
    }

    private final class InsertStatement implements BoundStatement {
        private final TableDescriptor table;
        private final List<Integer> targets;
        private final Plan source;
        private final List<Expr> defaults;
        private final Returning returning;
        private final OnConflict onConflict;

        InsertStatement(TableDescriptor table, List<Integer> targets, Plan source, List<Expr> defaults, Returning returning,
                OnConflict onConflict) {
            this.table = table;
            this.targets = targets;
            this.source = source;
            this.defaults = defaults;
            this.returning = returning;
            this.onConflict = onConflict;
        }

        @Override public List<Plan.Column> columns() { return returning == null ? List.of() : returning.columns(); }

        @Override
        public Execution start(ExecContext ctx) {
            ctx.checkWritable("INSERT");
            Env root = Env.root(ctx);
            Plan.Rows rows = source.open(root);
            List<RowChange> changes = new ArrayList<>();
            List<Object[]> written = new ArrayList<>();
            for (Object[] in = rows.next(); in != null; in = rows.next()) {
                ctx.checkCancel();
                Object[] row = fullRow(in, root, ctx);
                checkNotNull(table, row, ctx.zone());
                checks.check(row, ctx);
                if (onConflict != null) {
                    row = resolveConflict(row, ctx, changes);
                    if (row == null) {
                        continue;
                    }
                } else {
                    changes.add(new RowChange.Insert(row));
                }
                written.add(row);
                Limits.checkRows(written.size());
            }
            ctx.store().apply(table, changes);
            return finishedWithReturning(written, returning, ctx, "INSERT 0 " + written.size());
        }

        /** The row ON CONFLICT writes (adding its change), or null when it skips it. */
        private Object[] resolveConflict(Object[] proposed, ExecContext ctx, List<RowChange> changes) {
            for (RowChange c : changes) {
                Object[] r = c instanceof RowChange.Insert i ? i.row() : c instanceof RowChange.Replace p ? p.row() : null;
                if (r != null && onConflict.arbiters().stream().anyMatch(a -> sameKey(a, r, proposed))) {
                    if (!onConflict.update()) {
                        return null;
                    }
                    throw new SqlException(SqlState.CARDINALITY_VIOLATION,
                            "ON CONFLICT DO UPDATE command cannot affect row a second time");
                }
            }
            Object[] existing = conflicting(proposed, ctx);
            if (existing == null) {
                changes.add(new RowChange.Insert(proposed));
                return proposed;
            }
            if (!onConflict.update()) {
                return null;
            }
            Object[] both = Arrays.copyOf(existing, existing.length * 2);
            System.arraycopy(proposed, 0, both, existing.length, proposed.length);
            Env env = Env.root(ctx).child(both);
            if (onConflict.where() != null && !Boolean.TRUE.equals(onConflict.where().eval(env))) {
                return null;
            }
            Object[] row = Arrays.copyOf(existing, existing.length);
            for (int i = 0; i < row.length; i++) {
                if (onConflict.assignments()[i] != null) {
                    row[i] = onConflict.assignments()[i].eval(env);
                }
            }
            checkNotNull(table, row, ctx.zone());
            checks.check(row, ctx);
            if (!sameKey(null, row, existing)) {
                throw Errors.unsupported("ON CONFLICT DO UPDATE changing the primary key");
            }
            changes.add(new RowChange.Replace(row, existing));
            return row;
        }

        /** The stored row {@code proposed} conflicts with on one of the arbiters, or null. */
        private Object[] conflicting(Object[] proposed, ExecContext ctx) {
            for (IndexDescriptor arbiter : onConflict.arbiters()) {
                List<Object> values = keyValues(arbiter, proposed);
                if (values.contains(null)) {
                    continue; // NULLs never conflict in a unique index
                }
                Object[] existing = arbiter == null ? ctx.store().get(table, values)
                        : ctx.store().lookup(table, arbiter, values).next();
                if (existing != null) {
                    return existing;
                }
            }
            return null;
        }

        /** A row's values of an arbiter's key parts (columns, computed expressions): the primary key's for null. */
        private List<Object> keyValues(IndexDescriptor arbiter, Object[] row) {
            if (arbiter != null) {
                return new io.tessera.sql.store.IndexLayout(table, arbiter, onConflict.keys()).values(row);
            }
            List<Object> values = new ArrayList<>();
            for (int c : table.primaryKey()) {
                values.add(row[c]);
            }
            return values;
        }

        /** Whether two rows have equal, non-NULL values for the arbiter's key parts. */
        private boolean sameKey(IndexDescriptor arbiter, Object[] a, Object[] b) {
            List<Object> x = keyValues(arbiter, a);
            List<Object> y = keyValues(arbiter, b);
            for (int k = 0; k < x.size(); k++) {
                if (x.get(k) == null || y.get(k) == null || io.tessera.sql.plan.Values.compareNullsLast(x.get(k), y.get(k)) != 0) {
                    return false;
                }
            }
            return true;
        }

        private Object[] fullRow(Object[] in, Env root, ExecContext ctx) {
            Object[] row = new Object[table.columns().size()];
            boolean[] given = new boolean[row.length];
            for (int i = 0; i < in.length; i++) {
                if (in[i] != DefaultAwareValues.DEFAULT) {
                    row[targets.get(i)] = in[i];
                    given[targets.get(i)] = true;
                }
            }
            for (int i = 0; i < row.length; i++) {
                if (table.columns().get(i).hidden()) {
                    row[i] = ctx.rowIds().getAsLong();
                } else if (!given[i]) {
                    row[i] = defaults.get(i).eval(root);
                }
            }
            return row;
        }
    }

    static BoundStatement.Execution finishedWithReturning(List<Object[]> rows, Returning returning, ExecContext ctx, String tag) {
        if (returning == null) {
            return BoundStatement.finished(List.of(), tag);
        }
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(returning.project(r, ctx));
        }
        return BoundStatement.finished(out, tag);
    }

    // ------------------------------------------------------------------ UPDATE and DELETE

    public BoundStatement planUpdate(Update update) {
        TableDescriptor td = target(update.getTable(), "update");
        String alias = aliasOf(update.getTable(), td);
        Scope scope = tableScope(td, alias);
        Plan scan;
        boolean from = update.getFromItem() != null || update.getJoins() != null && !update.getJoins().isEmpty();
        if (from) {
            List<net.sf.jsqlparser.statement.select.FromItem> others = update.getFromItem() == null ? List.of()
                    : List.of(update.getFromItem());
            QueryPlanner qp = new QueryPlanner(planner);
            scan = qp.targetJoin(update.getTable(), others, update.getJoins(), update.getWhere());
            scope = qp.targetJoinScope(update.getTable(), others, update.getJoins());
        } else {
            scan = scan(td, scope, update.getWhere());
        }
        Expr[] assignments = new Expr[td.columns().size()];
        ExprBinder.Ctx ctx = ExprBinder.Ctx.of(scope);
        for (UpdateSet set : update.getUpdateSets()) {
            if (set.getColumns().size() != set.getValues().size()) {
                throw Errors.unsupported("UPDATE with a row of columns set from a subquery");
            }
            for (int i = 0; i < set.getColumns().size(); i++) {
                String name = Names.identifier(set.getColumns().get(i).getColumnName());
                int idx = td.columnIndex(name);
                if (idx < 0 || td.columns().get(idx).hidden()) {
                    throw Errors.undefinedColumn("\"" + name + "\" of relation \"" + td.name() + "\"")
                            .withPosition(planner.positionOf(set.getColumns().get(i).getColumnName()));
                }
                if (assignments[idx] != null) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + name + "\"");
                }
                Expression e = set.getValues().get(i);
                boolean isDefault = e instanceof Column c && c.getTable() == null && c.getColumnName().equalsIgnoreCase("default");
                assignments[idx] = isDefault ? defaultOf(td.columns().get(idx)) : assign(binder.bind(e, ctx), td.columns().get(idx));
            }
        }
        Returning returning = returning(update.getReturningClause(), td, alias);
        return new UpdateStatement(td, scan, assignments, returning, checks);
    }

    public BoundStatement planDelete(Delete delete) {
        TableDescriptor td = target(delete.getTable(), "delete from");
        String alias = aliasOf(delete.getTable(), td);
        Scope scope = tableScope(td, alias);
        Plan scan;
        if (delete.getUsingList() != null && !delete.getUsingList().isEmpty() || delete.getJoins() != null && !delete.getJoins().isEmpty()) {
            List<net.sf.jsqlparser.statement.select.FromItem> others = delete.getUsingList() == null ? List.of()
                    : new ArrayList<>(delete.getUsingList());
            scan = new QueryPlanner(planner).targetJoin(delete.getTable(), others, delete.getJoins(), delete.getWhere());
        } else {
            scan = scan(td, scope, delete.getWhere());
        }
        Returning returning = returning(delete.getReturningClause(), td, alias);
        return new DeleteStatement(td, scan, returning);
    }

    private static List<Object> primaryKey(TableDescriptor table, Object[] row) {
        List<Object> key = new ArrayList<>();
        for (int k : table.primaryKey()) {
            key.add(row[k]);
        }
        return key;
    }

    private Plan scan(TableDescriptor td, Scope scope, Expression where) {
        List<Plan.Column> cols = scope.entries.stream().map(Scope.Entry::column).toList();
        Plan scan = new Scans.TableScan(td, cols, Scans.KeyAccess.FULL);
        if (where == null) {
            return scan;
        }
        return KeyAccessPlanner.pushDown(planner, scan, binder.bool(where, ExprBinder.Ctx.of(scope), "WHERE"));
    }

    private record UpdateStatement(TableDescriptor table, Plan scan, Expr[] assignments, Returning returning,
            CheckConstraints checks)
            implements BoundStatement {
        @Override public List<Plan.Column> columns() { return returning == null ? List.of() : returning.columns(); }

        @Override
        public Execution start(ExecContext ctx) {
            ctx.checkWritable("UPDATE");
            List<Object[]> matched = Operators.drain(scan.open(Env.root(ctx)), ctx);
            List<RowChange> changes = new ArrayList<>();
            List<Object[]> written = new ArrayList<>();
            Env env = Env.root(ctx).child(null);
            java.util.Set<List<Object>> seen = new java.util.HashSet<>();
            for (Object[] joined : matched) {
                // With FROM, a target row joined to several rows is updated once, by its first match.
                Object[] old = Arrays.copyOf(joined, table.columns().size());
                if (!seen.add(primaryKey(table, old))) {
                    continue;
                }
                env.row = joined;
                Object[] row = Arrays.copyOf(old, old.length);
                for (int i = 0; i < assignments.length; i++) {
                    if (assignments[i] != null) {
                        row[i] = assignments[i].eval(env);
                    }
                }
                checkNotNull(table, row, ctx.zone());
                checks.check(row, ctx);
                if (keyChanged(old, row)) {
                    changes.add(new RowChange.Remove(old));
                    changes.add(new RowChange.Insert(row));
                } else {
                    changes.add(new RowChange.Replace(row, old));
                }
                written.add(row);
            }
            ctx.store().apply(table, changes);
            return finishedWithReturning(written, returning, ctx, "UPDATE " + written.size());
        }

        private boolean keyChanged(Object[] old, Object[] row) {
            for (int k : table.primaryKey()) {
                if (io.tessera.sql.plan.Values.compareNullsLast(old[k], row[k]) != 0 || old[k] instanceof String s && !s.equals(row[k])) {
                    return true;
                }
            }
            return false;
        }
    }

    private record DeleteStatement(TableDescriptor table, Plan scan, Returning returning) implements BoundStatement {
        @Override public List<Plan.Column> columns() { return returning == null ? List.of() : returning.columns(); }

        @Override
        public Execution start(ExecContext ctx) {
            ctx.checkWritable("DELETE");
            List<Object[]> matched = new ArrayList<>();
            java.util.Set<List<Object>> seen = new java.util.HashSet<>();
            for (Object[] joined : Operators.drain(scan.open(Env.root(ctx)), ctx)) {
                Object[] row = Arrays.copyOf(joined, table.columns().size());
                if (seen.add(primaryKey(table, row))) {
                    matched.add(row);
                }
            }
            List<RowChange> changes = new ArrayList<>();
            for (Object[] row : matched) {
                changes.add(new RowChange.Remove(row));
            }
            ctx.store().apply(table, changes);
            return finishedWithReturning(matched, returning, ctx, "DELETE " + matched.size());
        }
    }
}
