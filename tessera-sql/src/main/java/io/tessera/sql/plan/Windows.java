package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The window functions of one query level ({@code row_number() OVER (PARTITION BY ... ORDER BY ...)}):
 * each appends one column to the rows of the FROM clause, computed over all of them.
 */
final class Windows {
    /** One window call: the partition expressions and the ordering within a partition. */
    record Spec(String function, List<Expr> partition, List<Expr> order, List<Operators.SortKey> directions) {}

    final int baseWidth;
    final List<Spec> specs = new ArrayList<>();

    Windows(int baseWidth) {
        this.baseWidth = baseWidth;
    }

    Expr add(Spec spec) {
        if (!spec.function().equals("row_number") && !spec.function().equals("rank") && !spec.function().equals("dense_rank")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "window function " + spec.function() + " is not supported");
        }
        specs.add(spec);
        return new Expr.ColumnRef(0, baseWidth + specs.size() - 1, SqlType.INT8);
    }

    /** Appends the window columns: sorts a copy by (partition, order) and numbers the rows. */
    record WindowPlan(Plan input, List<Spec> specs, List<Column> columns) implements Plan {
        @Override
        public Rows open(Env outer) {
            List<Object[]> rows = Operators.drain(input.open(outer), outer.ctx);
            int width = input.columns().size();
            List<Object[]> out = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                out.add(java.util.Arrays.copyOf(r, width + specs.size()));
            }
            Env env = outer.child(null);
            for (int s = 0; s < specs.size(); s++) {
                number(out, specs.get(s), width + s, env);
            }
            return Operators.iterate(out);
        }

        private static void number(List<Object[]> rows, Spec spec, int target, Env env) {
            int np = spec.partition().size();
            int no = spec.order().size();
            Map<Object[], Object[]> keys = new HashMap<>();
            for (Object[] r : rows) {
                env.row = r;
                Object[] k = new Object[np + no];
                for (int i = 0; i < np; i++) {
                    k[i] = spec.partition().get(i).eval(env);
                }
                for (int i = 0; i < no; i++) {
                    k[np + i] = spec.order().get(i).eval(env);
                }
                keys.put(r, k);
            }
            List<Operators.SortKey> sortKeys = new ArrayList<>();
            for (int i = 0; i < np; i++) {
                sortKeys.add(new Operators.SortKey(i, false, false));
            }
            for (int i = 0; i < no; i++) {
                Operators.SortKey d = spec.directions().get(i);
                sortKeys.add(new Operators.SortKey(np + i, d.descending(), d.nullsFirst()));
            }
            var cmp = Operators.comparator(sortKeys);
            List<Object[]> sorted = new ArrayList<>(rows);
            sorted.sort((a, b) -> cmp.compare(keys.get(a), keys.get(b)));
            Object[] prev = null;
            long n = 0;
            long rank = 0;
            long dense = 0;
            for (Object[] r : sorted) {
                Object[] k = keys.get(r);
                boolean newPartition = prev == null || Operators.comparator(sortKeys.subList(0, np)).compare(prev, k) != 0;
                boolean peer = !newPartition && cmp.compare(prev, k) == 0;
                n = newPartition ? 1 : n + 1;
                rank = newPartition ? 1 : peer ? rank : n;
                dense = newPartition ? 1 : peer ? dense : dense + 1;
                r[target] = switch (spec.function()) {
                    case "rank" -> rank;
                    case "dense_rank" -> dense;
                    default -> n;
                };
                prev = k;
            }
        }
    }
}
