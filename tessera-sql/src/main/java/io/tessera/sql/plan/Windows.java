package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.types.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The window functions of one query level ({@code lag(x) OVER (PARTITION BY ... ORDER BY ...)}):
 * each appends one column to the rows of the FROM clause, computed over all of them. Ranking
 * (row_number, rank, dense_rank, ntile), offset (lag, lead), value (first_value, last_value,
 * nth_value) and aggregate functions, with PostgreSQL's frames: by default RANGE UNBOUNDED
 * PRECEDING to CURRENT ROW (the whole partition without ORDER BY), peers included; ROWS frames
 * with constant offsets; RANGE frames bounded by UNBOUNDED or CURRENT ROW.
 */
final class Windows {
    /** Window functions that are not aggregates. */
    static final java.util.Set<String> FUNCTIONS = java.util.Set.of("row_number", "rank", "dense_rank", "ntile", "lag",
            "lead", "first_value", "last_value", "nth_value");

    enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    /** One end of a frame; offset counts rows for PRECEDING / FOLLOWING. */
    record Bound(BoundKind kind, long offset) {}

    /** A frame clause; rows is false for RANGE (whose ends move by peer groups). */
    record Frame(boolean rows, Bound start, Bound end) {
        static final Frame DEFAULT = new Frame(false, new Bound(BoundKind.UNBOUNDED_PRECEDING, 0),
                new Bound(BoundKind.CURRENT_ROW, 0));
    }

    /** One window call: its arguments, the partition expressions, the ordering within a partition and the frame. */
    record Spec(String function, List<Expr> args, SqlType type, List<Expr> partition, List<Expr> order,
            List<Operators.SortKey> directions, Frame frame) {}

    final int baseWidth;
    final List<Spec> specs = new ArrayList<>();

    Windows(int baseWidth) {
        this.baseWidth = baseWidth;
    }

    Expr add(Spec spec) {
        specs.add(spec);
        return new Expr.ColumnRef(0, baseWidth + specs.size() - 1, spec.type());
    }

    /** Appends the window columns: per call, sorts a copy by (partition, order) and computes each row's value. */
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
                compute(out, specs.get(s), width + s, env);
            }
            return Operators.iterate(out);
        }

        private static void compute(List<Object[]> rows, Spec spec, int target, Env env) {
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
            var all = Operators.comparator(sortKeys);
            var byPartition = Operators.comparator(sortKeys.subList(0, np));
            List<Object[]> sorted = new ArrayList<>(rows);
            sorted.sort((a, b) -> all.compare(keys.get(a), keys.get(b)));
            int start = 0;
            for (int i = 1; i <= sorted.size(); i++) {
                if (i == sorted.size() || byPartition.compare(keys.get(sorted.get(start)), keys.get(sorted.get(i))) != 0) {
                    List<Object[]> part = sorted.subList(start, i);
                    new Partition(part, peers(part, keys, all), spec, target, env).compute();
                    start = i;
                }
            }
        }

        /** For each row of a partition, the index of the first row of its peer group (equal ORDER BY keys). */
        private static int[] peers(List<Object[]> part, Map<Object[], Object[]> keys, java.util.Comparator<Object[]> cmp) {
            int[] first = new int[part.size()];
            for (int i = 1; i < part.size(); i++) {
                first[i] = cmp.compare(keys.get(part.get(i - 1)), keys.get(part.get(i))) == 0 ? first[i - 1] : i;
            }
            return first;
        }
    }

    /** One partition, sorted, and the computation of one window call over it. */
    private record Partition(List<Object[]> rows, int[] peerStart, Spec spec, int target, Env env) {

        void compute() {
            switch (spec.function()) {
                case "row_number", "rank", "dense_rank" -> ranks();
                case "ntile" -> ntile();
                case "lag", "lead" -> offsets(spec.function().equals("lag") ? -1 : 1);
                case "first_value", "last_value", "nth_value" -> values();
                default -> aggregate();
            }
        }

        private Object eval(Expr e, int row) {
            env.row = rows.get(row);
            return e.eval(env);
        }

        private int peerEnd(int i) {
            int j = i;
            while (j + 1 < rows.size() && peerStart[j + 1] == peerStart[i]) {
                j++;
            }
            return j;
        }

        private void ranks() {
            long dense = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (peerStart[i] == i) {
                    dense++;
                }
                rows.get(i)[target] = switch (spec.function()) {
                    case "rank" -> (long) peerStart[i] + 1;
                    case "dense_rank" -> dense;
                    default -> (long) i + 1;
                };
            }
        }

        /** PostgreSQL's ntile: buckets as equal as can be, the larger ones first. */
        private void ntile() {
            Object n = eval(spec.args().get(0), 0);
            if (n == null) {
                rows.forEach(r -> r[target] = null);
                return;
            }
            long buckets = ((Number) n).longValue();
            if (buckets <= 0) {
                throw new SqlException("22014", "argument of ntile must be greater than zero");
            }
            long size = rows.size() / buckets;
            long extra = rows.size() % buckets;
            long bucket = 1;
            long left = size + (extra > 0 ? 1 : 0);
            for (Object[] r : rows) {
                if (left == 0) {
                    bucket++;
                    left = size + (bucket <= extra ? 1 : 0);
                }
                r[target] = (int) bucket;
                left--;
            }
        }

        private void offsets(int direction) {
            List<Expr> a = spec.args();
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Object off = a.size() > 1 ? eval(a.get(1), i) : Long.valueOf(1);
                if (off == null) {
                    values[i] = null;
                    continue;
                }
                long j = i + direction * ((Number) off).longValue();
                values[i] = j >= 0 && j < rows.size() ? eval(a.get(0), (int) j) : a.size() > 2 ? eval(a.get(2), i) : null;
            }
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i)[target] = values[i];
            }
        }

        /** The frame of row i as [lo, hi], empty when lo > hi. */
        private int[] frame(int i) {
            Frame f = spec.frame();
            boolean ordered = !spec.order().isEmpty();
            int lo = bound(f.start(), i, true, f.rows(), ordered);
            int hi = bound(f.end(), i, false, f.rows(), ordered);
            return new int[] {Math.max(lo, 0), Math.min(hi, rows.size() - 1)};
        }

        private int bound(Bound b, int i, boolean start, boolean rowsMode, boolean ordered) {
            return switch (b.kind()) {
                case UNBOUNDED_PRECEDING -> 0;
                case UNBOUNDED_FOLLOWING -> rows.size() - 1;
                case PRECEDING -> (int) Math.max(i - b.offset(), -1);
                case FOLLOWING -> (int) Math.min(i + b.offset(), rows.size());
                case CURRENT_ROW -> rowsMode ? i : !ordered ? (start ? 0 : rows.size() - 1) : start ? peerStart[i] : peerEnd(i);
            };
        }

        private void values() {
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                int[] f = frame(i);
                int at = switch (spec.function()) {
                    case "first_value" -> f[0];
                    case "last_value" -> f[1];
                    default -> {
                        Object n = eval(spec.args().get(1), i);
                        if (n != null && ((Number) n).longValue() <= 0) {
                            throw new SqlException("22016", "argument of nth_value must be greater than zero");
                        }
                        yield n == null ? -1 : (int) Math.min(f[0] + ((Number) n).longValue() - 1, Integer.MAX_VALUE);
                    }
                };
                values[i] = at >= f[0] && at <= f[1] && at >= 0 ? eval(spec.args().get(0), at) : null;
            }
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i)[target] = values[i];
            }
        }

        /**
         * An aggregate over each row's frame. A frame that starts at the partition's first row grows
         * monotonically, so one accumulator runs along the partition; others are recomputed per row.
         */
        private void aggregate() {
            Aggregates.Call call = new Aggregates.Call(spec.function(), spec.args(), false, spec.type());
            Object[] values = new Object[rows.size()];
            boolean running = spec.frame().start().kind() == BoundKind.UNBOUNDED_PRECEDING;
            Aggregates.Accumulator acc = new Aggregates.Accumulator(call);
            int added = 0;
            for (int i = 0; i < rows.size(); i++) {
                int[] f = frame(i);
                if (!running) {
                    acc = new Aggregates.Accumulator(call);
                    added = f[0];
                }
                for (; added <= f[1]; added++) {
                    env.row = rows.get(added);
                    acc.add(env);
                }
                Object v = acc.result();
                values[i] = v instanceof List<?> l ? new ArrayList<>(l) : v;
            }
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i)[target] = values[i];
            }
        }
    }
}
