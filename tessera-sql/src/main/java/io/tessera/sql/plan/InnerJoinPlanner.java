package io.tessera.sql.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.BiFunction;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * A FROM clause of inner joins only (commas, CROSS JOIN, [INNER] JOIN ... ON) planned together
 * with its WHERE clause. Every condition is split at its ANDs; a condition that reads one FROM
 * item filters that item's own scan, where it can bound the primary key or pick an index, and
 * the items are then joined in the order {@link JoinOrder} picks from their estimated sizes. The
 * joined row keeps the FROM clause's column order whatever the join order, so everything bound
 * over the clause's scope reads it unchanged.
 */
final class InnerJoinPlanner {
    private final Planner planner;
    private final ExprBinder binder;
    private final BiFunction<FromItem, Scope, QueryPlanner.From> fromItem;

    InnerJoinPlanner(Planner planner, BiFunction<FromItem, Scope, QueryPlanner.From> fromItem) {
        this.planner = planner;
        this.binder = planner.binder();
        this.fromItem = fromItem;
    }

    /** A condition as written, the scope it is bound in (an ON sees only the items before it), and its clause. */
    private record Term(Expression ast, Scope scope, String clause, String text) {}

    /** Whether every join of this SELECT is an inner join of plain FROM items (no USING, NATURAL, LATERAL). */
    static boolean applies(PlainSelect ps) {
        if (ps.getJoins() == null || ps.getJoins().isEmpty()) {
            return false;
        }
        for (Join j : ps.getJoins()) {
            boolean outer = j.isLeft() || j.isRight() || j.isFull() || j.isOuter() || j.isNatural() || j.isSemi()
                    || j.isApply() || j.isStraight();
            boolean using = j.getUsingColumns() != null && !j.getUsingColumns().isEmpty();
            boolean lateral = j.getRightItem() instanceof LateralSubSelect || j.getRightItem() instanceof TableFunction;
            if (outer || using || lateral) {
                return false;
            }
        }
        return true;
    }

    /** The joined FROM clause with the WHERE clause applied. */
    QueryPlanner.From plan(PlainSelect ps, Scope outer) {
        List<QueryPlanner.From> items = new ArrayList<>();
        items.add(fromItem.apply(ps.getFromItem(), outer));
        Scope scope = items.get(0).scope();
        List<Term> terms = new ArrayList<>();
        for (Join j : ps.getJoins()) {
            QueryPlanner.From right = fromItem.apply(j.getRightItem(), outer);
            items.add(right);
            scope = scope.join(right.scope());
            if (j.getOnExpressions() != null) {
                for (Expression e : j.getOnExpressions()) {
                    split(e, scope, "JOIN/ON", terms);
                }
            }
        }
        if (ps.getWhere() != null) {
            split(ps.getWhere(), scope, "WHERE", terms);
        }
        List<JoinOrder.Item> placed = new ArrayList<>();
        List<List<Expr>> pushed = new ArrayList<>();
        List<Plan.Column> columns = new ArrayList<>();
        for (QueryPlanner.From item : items) {
            placed.add(new JoinOrder.Item(item.plan(), columns.size(), item.plan().columns().size(), 0));
            pushed.add(new ArrayList<>());
            columns.addAll(item.plan().columns());
        }
        List<JoinOrder.Condition> conditions = new ArrayList<>();
        List<Expr> everywhere = new ArrayList<>();
        for (Term t : terms) {
            classify(t, items, placed, pushed, conditions, everywhere);
        }
        deriveEqualities(conditions, placed, pushed, columns);
        List<JoinOrder.Item> filtered = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            filtered.add(filter(placed.get(i), pushed.get(i)));
        }
        JoinOrder.Lookups lookups = outer != null ? (item, keys) -> null // one level out is the enclosing query's row
                : (item, keys) -> lookup(placed.get(item), pushed.get(item), keys, columns);
        Plan plan = JoinOrder.plan(filtered, conditions, columns, c -> distinct(c, filtered), lookups);
        if (!everywhere.isEmpty()) {
            plan = new Operators.Filter(plan, conjunction(everywhere));
        }
        return new QueryPlanner.From(plan, scope);
    }

    /** Splits a condition at its top-level ANDs (and parentheses around them). */
    private void split(Expression e, Scope scope, String clause, List<Term> out) {
        Expression x = e;
        while (x instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            x = p.get(0);
        }
        x = planner.rewriteOnce(x, BooleanPrecedence::fix);
        if (x instanceof AndExpression and) {
            split(and.getLeftExpression(), scope, clause, out);
            split(and.getRightExpression(), scope, clause, out);
            return;
        }
        out.add(new Term(x, scope, clause, x.toString()));
    }

    /**
     * Binds a condition and files it by the FROM items it reads: none (applied above the join),
     * one (bound again over that item alone and pushed into its scan), or several (a join condition).
     */
    private void classify(Term t, List<QueryPlanner.From> items, List<JoinOrder.Item> placed, List<List<Expr>> pushed,
            List<JoinOrder.Condition> conditions, List<Expr> everywhere) {
        Expr[] bound = new Expr[1];
        BitSet columns = planner.referencesTo(t.scope(), () -> bound[0] = binder.bool(t.ast(), ExprBinder.Ctx.of(t.scope()), t.clause()));
        BitSet read = new BitSet();
        for (int c = columns.nextSetBit(0); c >= 0; c = columns.nextSetBit(c + 1)) {
            for (int i = 0; i < placed.size(); i++) {
                if (placed.get(i).holds(c)) {
                    read.set(i);
                }
            }
        }
        if (read.cardinality() == 1) {
            int i = read.nextSetBit(0);
            Expr local = binder.bool(t.ast(), ExprBinder.Ctx.of(items.get(i).scope()), t.clause());
            planner.noteSource(local, t.text());
            pushed.get(i).add(local);
            return;
        }
        planner.noteSource(bound[0], t.text());
        if (read.isEmpty()) {
            everywhere.add(bound[0]);
        } else {
            conditions.add(new JoinOrder.Condition(bound[0], read));
        }
    }

    /**
     * Carries a constant across a join equality: {@code o.customer = c.id AND c.id = 7} also
     * filters orders by {@code o.customer = 7}, which its key or an index on it can serve. Only
     * one step (a value, or a parameter, equal to a column equal to another column), and only
     * when both equalities compare at the same type; the join condition itself stays.
     */
    private void deriveEqualities(List<JoinOrder.Condition> conditions, List<JoinOrder.Item> placed,
            List<List<Expr>> pushed, List<Plan.Column> columns) {
        for (JoinOrder.Condition c : conditions) {
            if (c.items().cardinality() == 2 && c.expr() instanceof Predicates.Compare cmp && cmp.op().equals("=")
                    && cmp.left().type().equals(cmp.right().type())) {
                derive(cmp.left(), cmp.right(), placed, pushed, columns);
                derive(cmp.right(), cmp.left(), placed, pushed, columns);
            }
        }
    }

    /** If {@code from}'s item is filtered by {@code from = value}, filters {@code to}'s item by {@code to = value}. */
    private void derive(Expr from, Expr to, List<JoinOrder.Item> placed, List<List<Expr>> pushed, List<Plan.Column> columns) {
        int fromColumn = Estimates.columnOf(from);
        int toColumn = Estimates.columnOf(to);
        if (fromColumn < 0 || toColumn < 0) {
            return;
        }
        int fromItem = JoinOrder.itemOf(fromColumn, placed);
        int toItem = JoinOrder.itemOf(toColumn, placed);
        for (Expr local : List.copyOf(pushed.get(fromItem))) {
            Expr value = constantFor(local, fromColumn - placed.get(fromItem).offset(), from.type());
            if (value != null) {
                Expr target = JoinPlanner.shift(to, placed.get(toItem).offset());
                Expr derived = new Predicates.Compare("=", target, value);
                planner.noteSource(derived, columnName(columns.get(toColumn)) + " = " + literal(value));
                pushed.get(toItem).add(derived);
                return;
            }
        }
    }

    /** The value of {@code column = value} (either way round) over one item, at {@code type}; else null. */
    private static Expr constantFor(Expr local, int column, io.tessera.common.types.SqlType type) {
        if (!(local instanceof Predicates.Compare cmp) || !cmp.op().equals("=") || !cmp.left().type().equals(type)
                || !cmp.right().type().equals(type)) {
            return null;
        }
        Expr value = Estimates.columnOf(cmp.left()) == column ? cmp.right() : Estimates.columnOf(cmp.right()) == column ? cmp.left() : null;
        return value instanceof Expr.Constant k && k.value() != null || value instanceof Expr.Param ? value : null;
    }

    private static String columnName(Plan.Column column) {
        return (column.table() == null ? "" : column.table() + ".") + column.name();
    }

    private static String literal(Expr value) {
        if (value instanceof Expr.Param p) {
            return "$" + p.index();
        }
        Object v = ((Expr.Constant) value).value();
        return v instanceof String text ? "'" + text.replace("'", "''") + "'" : String.valueOf(v);
    }

    /**
     * The item's table scan with its own conditions and the key equalities, whose joined sides
     * read the joined row one level out; null unless that makes it point reads (a primary key or
     * an index fully bound), or a key pair compares at different types.
     */
    private Plan lookup(JoinOrder.Item item, List<Expr> own, List<JoinOrder.KeyPair> keys, List<Plan.Column> columns) {
        if (!(item.plan() instanceof Scans.TableScan scan)) {
            return null;
        }
        List<Expr> conditions = new ArrayList<>(own);
        for (JoinOrder.KeyPair k : keys) {
            if (!(k.joinedSide() instanceof Expr.ColumnRef joinedRef) || !(k.addedSide() instanceof Expr.ColumnRef addedRef)
                    || !joinedRef.type().equals(addedRef.type())) {
                return null;
            }
            Expr outerSide = new Expr.ColumnRef(1, k.joinedColumn(), joinedRef.type());
            planner.noteSource(outerSide, columnName(columns.get(k.joinedColumn())));
            Expr equality = new Predicates.Compare("=", new Expr.ColumnRef(0, k.addedColumn() - item.offset(),
                    addedRef.type()), outerSide);
            planner.noteSource(equality, columnName(columns.get(k.addedColumn())) + " = " + columnName(columns.get(k.joinedColumn())));
            conditions.add(equality);
        }
        Plan plan = KeyAccessPlanner.pushDown(planner, scan, conjunction(conditions));
        Scans.TableScan keyed = scanOf(plan);
        boolean point = keyed.access().equalities().size() == keyed.table().primaryKey().size()
                || keyed.index() != null && keyed.index().isPoint();
        return point ? plan : null;
    }

    /** The item with its own conditions pushed into its scan, and the rows it is then estimated to return. */
    private JoinOrder.Item filter(JoinOrder.Item item, List<Expr> conditions) {
        Plan plan = item.plan();
        if (!conditions.isEmpty()) {
            plan = KeyAccessPlanner.pushDown(planner, plan, conjunction(conditions));
        }
        Scans.TableScan scan = scanOf(plan);
        double rows = scan == null ? Estimates.DEFAULT_ROWS : Estimates.scanRows(scan, conditions);
        return new JoinOrder.Item(plan, item.offset(), item.width(), rows);
    }

    private Expr conjunction(List<Expr> terms) {
        if (terms.size() == 1) {
            return terms.get(0);
        }
        Expr and = new Predicates.And(List.copyOf(terms));
        List<String> texts = terms.stream().map(x -> planner.sourceOf(x)).toList();
        if (!texts.contains(null)) {
            planner.noteSource(and, String.join(" AND ", texts));
        }
        return and;
    }

    private static Scans.TableScan scanOf(Plan plan) {
        Plan p = plan instanceof Operators.Filter f ? f.input() : plan;
        return p instanceof Scans.TableScan scan ? scan : null;
    }

    /** Distinct values of a column of the whole row, never more than its item's estimated rows. */
    private static double distinct(int column, List<JoinOrder.Item> items) {
        for (JoinOrder.Item item : items) {
            if (item.holds(column)) {
                Scans.TableScan scan = scanOf(item.plan());
                double d = scan == null ? Estimates.DEFAULT_DISTINCT : Estimates.distinct(scan.table(), column - item.offset());
                return Math.min(d, Math.max(1, item.rows()));
            }
        }
        return Estimates.DEFAULT_DISTINCT;
    }
}
