package io.tessera.sql.plan;

import io.tessera.common.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;

/**
 * The GROUP BY of one query level while its select list, HAVING and ORDER BY are bound: an
 * expression equal to a grouping expression reads the group's key; an aggregate call reads its
 * slot; any other column of the level is a grouping error (42803).
 */
final class Grouping {
    final Scope input;
    private final List<String> keys = new ArrayList<>();
    final List<Expr> groupExprs = new ArrayList<>();
    final List<Aggregates.Call> calls = new ArrayList<>();
    private final Planner planner;

    Grouping(Scope input, Planner planner) {
        this.input = input;
        this.planner = planner;
    }

    private final List<Scope.Entry> groupEntries = new ArrayList<>();

    void addGroup(Expression source, Expr bound) {
        keys.add(keyOf(source));
        groupExprs.add(bound);
        Scope.Entry entry = null;
        if (bound instanceof Expr.ColumnRef ref && ref.depth() == 0) {
            Scope.Entry from = input.entries.get(ref.index());
            entry = new Scope.Entry(from.qualifier(), from.name(), from.column(), false);
        }
        groupEntries.add(entry != null ? entry
                : new Scope.Entry(null, "?group?", Plan.Column.computed("?group?", bound.type()), true));
    }

    /**
     * What a subquery of a grouped level sees of it: the grouping columns, at their positions in the
     * aggregated row. Other columns of the level are not visible there (PostgreSQL: 42803).
     */
    Scope outputScope() {
        return new Scope(groupEntries, input.outer);
    }

    Expr match(Expression e, ExprBinder binder, ExprBinder.Ctx c) {
        String key = keyOf(e);
        int i = keys.indexOf(key);
        return i < 0 ? null : new Expr.ColumnRef(0, i, groupExprs.get(i).type());
    }

    Expr addCall(Aggregates.Call call) {
        calls.add(call);
        return new Expr.ColumnRef(0, groupExprs.size() + calls.size() - 1, call.type());
    }

    /** Plain columns compare by what they resolve to (so {@code id} matches {@code t.id}); other expressions by text. */
    private String keyOf(Expression e) {
        if (e instanceof Column col && col.getArrayConstructor() == null) {
            String name = Names.identifier(col.getColumnName());
            String q = col.getTable() == null || col.getTable().getName() == null ? null : Names.identifier(col.getTable().getName());
            try {
                int idx = input.find(q, name);
                if (idx >= 0) {
                    return "#" + idx;
                }
            } catch (io.tessera.common.error.SqlException ambiguous) {
                return e.toString().toLowerCase(Locale.ROOT);
            }
        }
        return e.toString().toLowerCase(Locale.ROOT);
    }

    List<Plan.Column> columns() {
        List<Plan.Column> out = new ArrayList<>();
        for (int i = 0; i < groupExprs.size(); i++) {
            out.add(Plan.Column.computed("group" + i, groupExprs.get(i).type()));
        }
        for (Aggregates.Call call : calls) {
            out.add(Plan.Column.computed(call.name(), call.type()));
        }
        return out;
    }

    static SqlType outputOf(Expr e) {
        return Types.output(e.type());
    }
}
