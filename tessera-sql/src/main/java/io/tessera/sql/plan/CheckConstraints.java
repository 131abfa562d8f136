package io.tessera.sql.plan;

import io.tessera.cluster.api.CheckConstraint;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.error.SqlException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's CHECK constraints bound over its rows, checked on every row INSERT or UPDATE writes.
 * PostgreSQL checks them in name order and reports the first that is false (null passes).
 */
final class CheckConstraints {
    record Bound(String name, Expr condition) {}

    private static final Pattern IDENTIFIER = Pattern.compile("\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_$]*)");
    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");

    private final TableDescriptor table;
    private final List<Bound> checks;

    private CheckConstraints(TableDescriptor table, List<Bound> checks) {
        this.table = table;
        this.checks = checks;
    }

    /** Binds the table's stored CHECK expressions over a scope of its full rows. */
    static CheckConstraints bind(TableDescriptor table, Scope rowScope, ExprBinder binder) {
        List<Bound> out = new ArrayList<>();
        List<CheckConstraint> sorted = new ArrayList<>(table.checks());
        sorted.sort(Comparator.comparing(CheckConstraint::name));
        for (CheckConstraint c : sorted) {
            net.sf.jsqlparser.expression.Expression e;
            try {
                e = net.sf.jsqlparser.parser.CCJSqlParserUtil.parseCondExpression(c.expression());
            } catch (net.sf.jsqlparser.JSQLParserException ex) {
                throw new IllegalStateException("stored CHECK " + c.name() + " does not parse: " + c.expression(), ex);
            }
            out.add(new Bound(c.name(), binder.bool(e, ExprBinder.Ctx.of(rowScope), "CHECK")));
        }
        return new CheckConstraints(table, List.copyOf(out));
    }

    /** 23514 when a constraint is false for the row (a full row of the table, in column order). */
    void check(Object[] row, ExecContext ctx) {
        if (checks.isEmpty()) {
            return;
        }
        Env env = Env.root(ctx).child(row);
        for (Bound b : checks) {
            if (Boolean.FALSE.equals(b.condition().eval(env))) {
                throw new SqlException("23514", "new row for relation \"" + table.name() + "\" violates check constraint \""
                        + b.name() + "\"").withDetail("Failing row contains " + DmlPlanner.describe(table, row, ctx.zone()) + ".");
            }
        }
    }

    /** The columns an expression's text names, in table order (quoted text in literals ignored). */
    static List<String> referencedColumns(String expression, List<String> columns) {
        java.util.Set<String> named = new java.util.HashSet<>();
        Matcher m = IDENTIFIER.matcher(STRING.matcher(expression).replaceAll("''"));
        while (m.find()) {
            named.add(m.group(1) != null ? m.group(1) : m.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        return columns.stream().filter(named::contains).toList();
    }
}
