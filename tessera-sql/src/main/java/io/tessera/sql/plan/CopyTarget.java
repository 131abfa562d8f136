package io.tessera.sql.plan;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TextFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The table side of COPY: which columns a line's fields go to, how a field's text becomes the
 * column's value (the type's text input, as an INSERT of a string literal would assign it), the
 * DEFAULT of columns the line does not name, the hidden row id, and NOT NULL. Errors name the
 * column, so the caller can add PostgreSQL's {@code COPY t, line n, column c: "v"} context.
 */
public final class CopyTarget {
    private final TableDescriptor table;
    private final int[] targets;
    private final List<Expr> defaults;

    private CopyTarget(TableDescriptor table, int[] targets, List<Expr> defaults) {
        this.table = table;
        this.targets = targets;
        this.defaults = defaults;
    }

    /** @param columns the COPY column list, empty for every visible column in table order */
    public static CopyTarget of(Planner planner, TableDescriptor table, List<String> columns) {
        List<Integer> targets = new ArrayList<>();
        if (columns.isEmpty()) {
            for (int i = 0; i < table.columns().size(); i++) {
                if (!table.columns().get(i).hidden()) {
                    targets.add(i);
                }
            }
        } else {
            for (String c : columns) {
                int i = table.columnIndex(c);
                if (i < 0 || table.columns().get(i).hidden()) {
                    throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + c + "\" of relation \"" + table.name()
                            + "\" does not exist");
                }
                if (targets.contains(i)) {
                    throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + c + "\" specified more than once");
                }
                targets.add(i);
            }
        }
        DmlPlanner dml = new DmlPlanner(planner);
        List<Expr> defaults = new ArrayList<>();
        for (ColumnDescriptor c : table.columns()) {
            defaults.add(c.hidden() || targets.contains(table.columns().indexOf(c)) ? null : dml.defaultOf(c));
        }
        return new CopyTarget(table, targets.stream().mapToInt(Integer::intValue).toArray(), defaults);
    }

    public TableDescriptor table() { return table; }

    public int fieldCount() { return targets.length; }

    /** The name of the column field {@code i} goes to. */
    public String fieldColumn(int i) {
        return table.columns().get(targets[i]).name();
    }

    /** Converts field {@code i}'s text (null for NULL) to its column's value. */
    public Object value(int i, String text, ExecContext ctx) {
        SqlType type = table.columns().get(targets[i]).type();
        return text == null ? null : Casts.cast(text, SqlType.TEXT, type, ctx.zone(), false);
    }

    /** The full row (table column order) from converted field values; checks NOT NULL. */
    public Object[] row(Object[] values, Env root) {
        ExecContext ctx = root.ctx;
        Object[] row = new Object[table.columns().size()];
        for (int i = 0; i < targets.length; i++) {
            row[targets[i]] = values[i];
        }
        for (int i = 0; i < row.length; i++) {
            if (table.columns().get(i).hidden()) {
                row[i] = ctx.rowIds().getAsLong();
            } else if (defaults.get(i) != null) {
                row[i] = defaults.get(i).eval(root);
            }
        }
        DmlPlanner.checkNotNull(table, row, ctx.zone());
        return row;
    }

    /** {@code Key (a, b)=(1, x)}: a row's primary key as a 23505 detail spells it. */
    public String keyText(Object[] row, ExecContext ctx) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int c : table.primaryKey()) {
            names.add(table.columns().get(c).name());
            values.add(TextFormat.format(row[c], table.columns().get(c).type(), java.time.ZoneOffset.UTC));
        }
        return "Key (" + String.join(", ", names) + ")=(" + String.join(", ", values) + ")";
    }

    /** A column value as COPY TO writes it (the type's text output), null for NULL. */
    public static String text(Object value, SqlType type, ExecContext ctx) {
        return value == null ? null : TextFormat.format(value, type, ctx.zone());
    }
}
