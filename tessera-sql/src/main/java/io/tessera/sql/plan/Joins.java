package io.tessera.sql.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Join operators; a joined row is the left row followed by the right row. */
final class Joins {
    private Joins() {}

    enum Kind { INNER, LEFT, RIGHT, FULL }

    static Object[] concat(Object[] left, Object[] right, int leftWidth, int rightWidth) {
        Object[] out = new Object[leftWidth + rightWidth];
        if (left != null) {
            System.arraycopy(left, 0, out, 0, leftWidth);
        }
        if (right != null) {
            System.arraycopy(right, 0, out, leftWidth, rightWidth);
        }
        return out;
    }

    static List<Plan.Column> columns(Plan left, Plan right) {
        List<Plan.Column> out = new ArrayList<>(left.columns());
        out.addAll(right.columns());
        return out;
    }

    /** LATERAL: the right side runs again for every left row, which it sees one level out. */
    record Lateral(Plan left, Plan right, Kind kind, Expr condition) implements Plan {
        @Override public List<Column> columns() { return Joins.columns(left, right); }

        @Override
        public Rows open(Env outer) {
            int lw = left.columns().size();
            int rw = right.columns().size();
            Rows leftRows = left.open(outer);
            Env env = outer.child(null);
            List<Object[]> pending = new ArrayList<>();
            return () -> {
                while (pending.isEmpty()) {
                    Object[] l = leftRows.next();
                    if (l == null) {
                        return null;
                    }
                    Rows rightRows = right.open(outer.child(l));
                    for (Object[] r = rightRows.next(); r != null; r = rightRows.next()) {
                        Object[] joined = concat(l, r, lw, rw);
                        env.row = joined;
                        if (condition == null || Boolean.TRUE.equals(condition.eval(env))) {
                            pending.add(joined);
                        }
                    }
                    if (pending.isEmpty() && kind == Kind.LEFT) {
                        pending.add(concat(l, null, lw, rw));
                    }
                }
                return pending.removeFirst();
            };
        }
    }

    /** Any join condition: the right side is read once and kept, then matched per left row. */
    record NestedLoop(Plan left, Plan right, Kind kind, Expr condition) implements Plan {
        @Override public List<Column> columns() { return Joins.columns(left, right); }

        @Override
        public Rows open(Env outer) {
            List<Object[]> inner = Operators.drain(right.open(outer), outer.ctx);
            boolean[] matchedRight = new boolean[inner.size()];
            int lw = left.columns().size();
            int rw = right.columns().size();
            Rows leftRows = left.open(outer);
            Env env = outer.child(null);
            List<Object[]> pending = new ArrayList<>();
            boolean[] leftDone = {false};
            int[] tail = {0};
            return () -> {
                while (pending.isEmpty()) {
                    if (leftDone[0]) {
                        return unmatchedRight(inner, matchedRight, tail, lw, rw);
                    }
                    Object[] l = leftRows.next();
                    if (l == null) {
                        leftDone[0] = true;
                        continue;
                    }
                    outer.ctx.checkCancel();
                    boolean any = false;
                    for (int i = 0; i < inner.size(); i++) {
                        Object[] joined = concat(l, inner.get(i), lw, rw);
                        env.row = joined;
                        if (condition == null || Boolean.TRUE.equals(condition.eval(env))) {
                            pending.add(joined);
                            matchedRight[i] = true;
                            any = true;
                        }
                    }
                    if (!any && (kind == Kind.LEFT || kind == Kind.FULL)) {
                        pending.add(concat(l, null, lw, rw));
                    }
                }
                return pending.removeFirst();
            };
        }

        private Object[] unmatchedRight(List<Object[]> inner, boolean[] matched, int[] tail, int lw, int rw) {
            if (kind != Kind.RIGHT && kind != Kind.FULL) {
                return null;
            }
            while (tail[0] < inner.size()) {
                int i = tail[0]++;
                if (!matched[i]) {
                    return concat(null, inner.get(i), lw, rw);
                }
            }
            return null;
        }
    }

    /**
     * Equi-join: builds a hash table on the right side's keys, streams the left side. NULL keys never
     * match. {@code residual} holds the rest of the ON condition.
     */
    record Hash(Plan left, Plan right, Kind kind, List<Expr> leftKeys, List<Expr> rightKeys, Expr residual)
            implements Plan {
        @Override public List<Column> columns() { return Joins.columns(left, right); }

        @Override
        public Rows open(Env outer) {
            Map<List<Object>, List<Object[]>> table = hashTable(right, rightKeys, outer);
            int lw = left.columns().size();
            int rw = right.columns().size();
            Rows leftRows = left.open(outer);
            Env leftEnv = outer.child(null);
            Env env = outer.child(null);
            List<Object[]> pending = new ArrayList<>();
            return () -> {
                while (pending.isEmpty()) {
                    Object[] l = leftRows.next();
                    if (l == null) {
                        return null;
                    }
                    outer.ctx.checkCancel();
                    leftEnv.row = l;
                    List<Object> key = keyOf(leftKeys, leftEnv);
                    for (Object[] r : key == null ? List.<Object[]>of() : table.getOrDefault(key, List.of())) {
                        Object[] joined = concat(l, r, lw, rw);
                        env.row = joined;
                        if (residual == null || Boolean.TRUE.equals(residual.eval(env))) {
                            pending.add(joined);
                        }
                    }
                    if (pending.isEmpty() && kind == Kind.LEFT) {
                        pending.add(concat(l, null, lw, rw));
                    }
                }
                return pending.removeFirst();
            };
        }

        /** The rows of {@code side} by their values of {@code keys}; rows with a NULL key are left out (they match nothing). */
        static Map<List<Object>, List<Object[]>> hashTable(Plan side, List<Expr> keys, Env outer) {
            Map<List<Object>, List<Object[]>> table = new HashMap<>();
            Rows rows = side.open(outer);
            Env env = outer.child(null);
            int n = 0;
            for (Object[] r = rows.next(); r != null; r = rows.next()) {
                env.row = r;
                List<Object> key = keyOf(keys, env);
                if (key != null) {
                    table.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                    Limits.checkRows(++n);
                }
            }
            return table;
        }

        static List<Object> keyOf(List<Expr> keys, Env env) {
            List<Object> out = new ArrayList<>(keys.size());
            for (Expr e : keys) {
                Object v = e.eval(env);
                if (v == null) {
                    return null;
                }
                out.add(Values.hashKey(v));
            }
            return out;
        }
    }

    /**
     * A FROM item's rows placed at {@code offset} in a row as wide as the whole FROM clause (the
     * other items' slots null), so that conditions bound over the whole clause evaluate on it
     * whatever order the items are joined in ({@link JoinOrder}).
     */
    record Place(Plan input, int offset, List<Column> columns) implements Plan {
        @Override
        public Rows open(Env outer) {
            Rows rows = input.open(outer);
            int width = columns.size();
            return () -> {
                Object[] r = rows.next();
                if (r == null) {
                    return null;
                }
                Object[] out = new Object[width];
                System.arraycopy(r, 0, out, offset, r.length);
                return out;
            };
        }
    }

    /**
     * Inner join of two parts of a FROM clause whose rows are already as wide as the whole clause
     * (see {@link Place}): a joined row is the left row with the right part's slots copied in.
     * With equality keys it hashes the right side and streams the left; without, it is a nested
     * loop over the kept right side. Keys and {@code residual} are bound over the whole row.
     *
     * @param rightSlots the [start, end) column ranges the right side fills
     * @param conditions the join's conditions as written, for EXPLAIN
     */
    record Slotted(Plan left, Plan right, List<Expr> leftKeys, List<Expr> rightKeys, Expr residual,
            List<int[]> rightSlots, List<Expr> conditions) implements Plan {
        @Override public List<Column> columns() { return left.columns(); }

        @Override
        public Rows open(Env outer) {
            Env env = outer.child(null);
            Map<List<Object>, List<Object[]>> table = leftKeys.isEmpty() ? null : Hash.hashTable(right, rightKeys, outer);
            List<Object[]> all = leftKeys.isEmpty() ? Operators.drain(right.open(outer), outer.ctx) : null;
            Rows leftRows = left.open(outer);
            List<Object[]> pending = new ArrayList<>();
            return () -> {
                while (pending.isEmpty()) {
                    Object[] l = leftRows.next();
                    if (l == null) {
                        return null;
                    }
                    outer.ctx.checkCancel();
                    List<Object[]> candidates = all;
                    if (table != null) {
                        env.row = l;
                        List<Object> key = Hash.keyOf(leftKeys, env);
                        candidates = key == null ? List.of() : table.getOrDefault(key, List.of());
                    }
                    for (Object[] r : candidates) {
                        Object[] joined = merge(l, r);
                        env.row = joined;
                        if (residual == null || Boolean.TRUE.equals(residual.eval(env))) {
                            pending.add(joined);
                        }
                    }
                }
                return pending.removeFirst();
            };
        }

        private Object[] merge(Object[] l, Object[] r) {
            Object[] out = l.clone();
            for (int[] slots : rightSlots) {
                System.arraycopy(r, slots[0], out, slots[0], slots[1] - slots[0]);
            }
            return out;
        }
    }

    /**
     * Index nested loop: for each left row (as wide as the whole FROM clause) {@code right} runs
     * again with that row one level out, where its key condition reads it, so each run is a point
     * read by primary key or index; its rows go to {@code offset} in the joined row.
     *
     * @param conditions the join's conditions as written, for EXPLAIN
     */
    record Lookup(Plan left, Plan right, int offset, Expr residual, List<Expr> conditions) implements Plan {
        @Override public List<Column> columns() { return left.columns(); }

        @Override
        public Rows open(Env outer) {
            Rows leftRows = left.open(outer);
            Env env = outer.child(null);
            List<Object[]> pending = new ArrayList<>();
            return () -> {
                while (pending.isEmpty()) {
                    Object[] l = leftRows.next();
                    if (l == null) {
                        return null;
                    }
                    outer.ctx.checkCancel();
                    Rows rightRows = right.open(outer.child(l));
                    for (Object[] r = rightRows.next(); r != null; r = rightRows.next()) {
                        Object[] joined = l.clone();
                        System.arraycopy(r, 0, joined, offset, r.length);
                        env.row = joined;
                        if (residual == null || Boolean.TRUE.equals(residual.eval(env))) {
                            pending.add(joined);
                        }
                    }
                }
                return pending.removeFirst();
            };
        }
    }
}
