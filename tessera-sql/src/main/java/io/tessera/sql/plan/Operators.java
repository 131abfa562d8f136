package io.tessera.sql.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The row-at-a-time operators that do not touch storage. */
final class Operators {
    private Operators() {}

    /** One row of no columns: SELECT without FROM. */
    record SingleRow() implements Plan {
        @Override public List<Column> columns() { return List.of(); }

        @Override
        public Rows open(Env outer) {
            boolean[] done = {false};
            return () -> {
                if (done[0]) {
                    return null;
                }
                done[0] = true;
                return new Object[0];
            };
        }
    }

    /** VALUES (...), (...): each row's expressions see the enclosing rows only. */
    record ValuesPlan(List<Column> columns, List<List<Expr>> rows) implements Plan {
        @Override
        public Rows open(Env outer) {
            int[] i = {0};
            return () -> {
                if (i[0] >= rows.size()) {
                    return null;
                }
                List<Expr> exprs = rows.get(i[0]++);
                Object[] row = new Object[exprs.size()];
                Env env = outer.child(new Object[0]);
                for (int c = 0; c < row.length; c++) {
                    row[c] = exprs.get(c).eval(env);
                }
                return row;
            };
        }
    }

    /** Renames a plan's columns (a FROM-clause alias, a derived table's column list). */
    record Renamed(Plan input, List<Column> columns) implements Plan {
        @Override public Rows open(Env outer) { return input.open(outer); }
    }

    record Filter(Plan input, Expr predicate) implements Plan {
        @Override public List<Column> columns() { return input.columns(); }

        @Override
        public Rows open(Env outer) {
            Rows in = input.open(outer);
            Env env = outer.child(null);
            return () -> {
                for (Object[] row = in.next(); row != null; row = in.next()) {
                    env.row = row;
                    if (Boolean.TRUE.equals(predicate.eval(env))) {
                        return row;
                    }
                    outer.ctx.checkCancel();
                }
                return null;
            };
        }
    }

    record Project(Plan input, List<Expr> exprs, List<Column> columns) implements Plan {
        @Override
        public Rows open(Env outer) {
            Rows in = input.open(outer);
            Env env = outer.child(null);
            return () -> {
                Object[] row = in.next();
                if (row == null) {
                    return null;
                }
                env.row = row;
                Object[] out = new Object[exprs.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = exprs.get(i).eval(env);
                }
                return out;
            };
        }
    }

    /** Keeps the first {@code width} columns (drops hidden sort keys). */
    record Trim(Plan input, int width) implements Plan {
        @Override public List<Column> columns() { return input.columns().subList(0, width); }

        @Override
        public Rows open(Env outer) {
            Rows in = input.open(outer);
            return () -> {
                Object[] row = in.next();
                return row == null || row.length == width ? row : java.util.Arrays.copyOf(row, width);
            };
        }
    }

    /** One sort key: the column, its direction and where NULLs go. */
    record SortKey(int column, boolean descending, boolean nullsFirst) {}

    record Sort(Plan input, List<SortKey> keys) implements Plan {
        @Override public List<Column> columns() { return input.columns(); }

        @Override
        public Rows open(Env outer) {
            List<Object[]> rows = drain(input.open(outer), outer.ctx);
            rows.sort(comparator(keys));
            return iterate(rows);
        }
    }

    static Comparator<Object[]> comparator(List<SortKey> keys) {
        return (a, b) -> {
            for (SortKey k : keys) {
                Object x = a[k.column()];
                Object y = b[k.column()];
                int c;
                if (x == null || y == null) {
                    c = x == null ? (y == null ? 0 : (k.nullsFirst() ? -1 : 1)) : (k.nullsFirst() ? 1 : -1);
                } else {
                    c = Values.compare(x, y);
                    c = k.descending() ? -c : c;
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    record Limit(Plan input, Expr limit, Expr offset) implements Plan {
        @Override public List<Column> columns() { return input.columns(); }

        @Override
        public Rows open(Env outer) {
            long max = bound(limit, outer, "LIMIT", Long.MAX_VALUE);
            long skip = bound(offset, outer, "OFFSET", 0);
            Rows in = input.open(outer);
            long[] seen = {0, 0};
            return () -> {
                while (seen[0] < skip) {
                    if (in.next() == null) {
                        return null;
                    }
                    seen[0]++;
                }
                if (seen[1] >= max) {
                    return null;
                }
                Object[] row = in.next();
                if (row != null) {
                    seen[1]++;
                }
                return row;
            };
        }

        private static long bound(Expr e, Env env, String what, long absent) {
            if (e == null) {
                return absent;
            }
            Object v = e.eval(env);
            if (v == null) {
                return absent;
            }
            long n = ((Number) Casts.cast(v, e.type(), io.tessera.common.types.SqlType.INT8, env.ctx.zone(), true)).longValue();
            if (n < 0) {
                throw new io.tessera.common.error.SqlException("2201W", what + " must not be negative");
            }
            return n;
        }
    }

    /** DISTINCT over all columns: streams, remembering what it has returned. */
    record Distinct(Plan input) implements Plan {
        @Override public List<Column> columns() { return input.columns(); }

        @Override
        public Rows open(Env outer) {
            Rows in = input.open(outer);
            Set<List<Object>> seen = new HashSet<>();
            int[] all = java.util.stream.IntStream.range(0, input.columns().size()).toArray();
            return () -> {
                for (Object[] row = in.next(); row != null; row = in.next()) {
                    if (seen.add(Values.hashKey(row, all))) {
                        Limits.checkRows(seen.size());
                        return row;
                    }
                }
                return null;
            };
        }
    }

    /** UNION / INTERSECT / EXCEPT [ALL]. */
    record SetOp(String kind, boolean all, Plan left, Plan right, List<Column> columns) implements Plan {
        @Override
        public Rows open(Env outer) {
            int[] cols = java.util.stream.IntStream.range(0, columns.size()).toArray();
            if (kind.equals("UNION")) {
                Rows l = left.open(outer);
                Rows[] r = {null};
                Rows concat = () -> {
                    if (r[0] == null) {
                        Object[] row = l.next();
                        if (row != null) {
                            return row;
                        }
                        r[0] = right.open(outer);
                    }
                    return r[0].next();
                };
                return all ? concat : new Distinct(new Materialized(columns, concat)).open(outer);
            }
            java.util.Map<List<Object>, Integer> counts = new java.util.HashMap<>();
            for (Object[] row : drain(right.open(outer), outer.ctx)) {
                counts.merge(Values.hashKey(row, cols), 1, Integer::sum);
            }
            List<Object[]> out = new ArrayList<>();
            Set<List<Object>> emitted = new HashSet<>();
            for (Object[] row : drain(left.open(outer), outer.ctx)) {
                List<Object> key = Values.hashKey(row, cols);
                int n = counts.getOrDefault(key, 0);
                boolean keep = kind.equals("INTERSECT") ? n > 0 : n == 0;
                if (all && kind.equals("INTERSECT") && n > 0) {
                    counts.put(key, n - 1);
                } else if (all && kind.equals("EXCEPT") && n > 0) {
                    counts.put(key, n - 1);
                    keep = false;
                } else if (all && kind.equals("EXCEPT")) {
                    keep = true;
                }
                if (keep && (all || emitted.add(key))) {
                    out.add(row);
                }
            }
            return iterate(out);
        }
    }

    /** Adapts an already opened row stream to a plan (used inside other operators). */
    record Materialized(List<Column> columns, Rows rows) implements Plan {
        @Override public Rows open(Env outer) { return rows; }
    }

    static List<Object[]> drain(Plan.Rows rows, ExecContext ctx) {
        List<Object[]> out = new ArrayList<>();
        for (Object[] row = rows.next(); row != null; row = rows.next()) {
            out.add(row);
            Limits.checkRows(out.size());
            if ((out.size() & 1023) == 0) {
                ctx.checkCancel();
            }
        }
        return out;
    }

    static Plan.Rows iterate(List<Object[]> rows) {
        int[] i = {0};
        return () -> i[0] < rows.size() ? rows.get(i[0]++) : null;
    }
}
