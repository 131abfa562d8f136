package io.tessera.sql.plan;

import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.sql.store.RowStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * {@code SELECT ... FOR UPDATE | FOR NO KEY UPDATE | FOR SHARE | FOR KEY SHARE [OF t]}: which
 * tables' rows a query level locks, and {@link LockRows}, the operator that locks them through
 * {@link RowStore#lockRows} as the query returns them.
 *
 * <p>The planner appends each locked table's columns to the select list as hidden columns (the
 * way ORDER BY carries its keys), so that the lock sits above ORDER BY and LIMIT and locks exactly
 * the rows the query returns, as PostgreSQL's LockRows node does; the final Trim drops them.
 *
 * <p>Every strength is an exclusive lock in this release (the KV layer has one kind of lock), so
 * FOR SHARE blocks other FOR SHARE lockers where PostgreSQL would let them share. NOWAIT and SKIP
 * LOCKED are rejected with 0A000: a lock waits until the holder ends (or the wait fails), and
 * quietly waiting instead would break the programs that rely on them. JSqlParser reads one table
 * after OF, and one locking clause.
 */
final class RowLocking {
    private RowLocking() {}

    /** Rows locked per {@link RowStore#lockRows} call: one round trip per fragment per batch. */
    static final int LOCK_BATCH_ROWS = 256;

    /** A locked table and where its columns start in the rows {@link LockRows} sees. */
    record Target(TableDescriptor table, int firstColumn) {}

    /** "FOR UPDATE", "FOR NO KEY UPDATE", ...: the clause as PostgreSQL's messages name it. */
    static String clause(PlainSelect ps) {
        return "FOR " + ps.getForMode().getValue();
    }

    /**
     * The FROM items whose rows the clause locks: the one named by OF, or every user table. System
     * tables are not locked (their rows change only through DDL); without OF, functions, VALUES
     * and WITH queries are skipped as PostgreSQL skips them.
     */
    static List<Scope.Source> sources(PlainSelect ps, Scope scope) {
        String clause = clause(ps);
        if (ps.isNoWait() || ps.isSkipLocked() || ps.getWait() != null) {
            String option = ps.isNoWait() ? "NOWAIT" : ps.isSkipLocked() ? "SKIP LOCKED" : "WAIT";
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, clause + " " + option + " is not supported")
                    .withHint("Leave out " + option + ": the lock then waits until the transaction holding the row ends.");
        }
        List<Scope.Source> named = scope.sources;
        if (ps.getForUpdateTable() != null) {
            if (ps.getForUpdateTable().getSchemaName() != null) {
                throw new SqlException(SqlState.SYNTAX_ERROR, clause + " must specify unqualified relation names");
            }
            String name = Names.identifier(ps.getForUpdateTable().getName());
            named = scope.sources.stream().filter(s -> name.equals(s.alias())).toList();
            if (named.isEmpty()) {
                throw new SqlException(SqlState.UNDEFINED_TABLE,
                        "relation \"" + name + "\" in " + clause + " clause not found in FROM clause");
            }
        }
        boolean explicit = ps.getForUpdateTable() != null;
        List<Scope.Source> out = new ArrayList<>();
        for (Scope.Source s : named) {
            switch (s.kind()) {
                case "table" -> out.add(s);
                case "system table" -> { }
                case "view", "subquery" -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        clause + " on a " + s.kind() + " is not supported")
                        .withHint("Lock the rows of its tables with " + clause + " in a query that reads them directly.");
                default -> {
                    if (explicit) {
                        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, clause + " cannot be applied to "
                                + (s.kind().equals("VALUES") ? "VALUES" : "a " + s.kind()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * PostgreSQL's rule: a locking clause needs rows that are rows of its tables, so no DISTINCT,
     * grouping, aggregates, window functions or set-returning functions in the select list (0A000).
     */
    static void checkShape(PlainSelect ps, boolean aggregates, boolean windows, boolean setFunctions) {
        String reason = ps.getDistinct() != null ? "DISTINCT clause"
                : ps.getGroupBy() != null ? "GROUP BY clause"
                : ps.getHaving() != null ? "HAVING clause"
                : aggregates ? "aggregate functions"
                : windows ? "window functions"
                : setFunctions ? "set-returning functions in the target list" : null;
        if (reason != null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, clause(ps) + " is not allowed with " + reason);
        }
    }

    /**
     * Appends every column of each locked table to the select list as hidden columns; returns
     * the targets with the positions of their columns in the projected row.
     */
    static List<Target> addColumns(List<Scope.Source> sources, Scope scope, List<Expr> exprs, List<Plan.Column> columns) {
        List<Target> targets = new ArrayList<>();
        for (Scope.Source s : sources) {
            targets.add(new Target(s.table(), exprs.size()));
            for (int i = 0; i < s.table().columns().size(); i++) {
                Scope.Entry e = scope.entries.get(s.offset() + i);
                exprs.add(new Expr.ColumnRef(0, s.offset() + i, e.column().type()));
                columns.add(Plan.Column.computed("?lock?", e.column().type()));
            }
        }
        return targets;
    }

    /**
     * Locks the rows of its targets as they pass: it reads up to {@link #LOCK_BATCH_ROWS} rows,
     * locks each target's rows among them, then hands them on. A target whose key is NULL (the
     * missing side of an outer join) has no row there to lock.
     */
    record LockRows(Plan input, List<Target> targets, String clause) implements Plan {
        @Override
        public List<Column> columns() {
            return input.columns();
        }

        @Override
        public Rows open(Env outer) {
            outer.ctx.checkWritable("SELECT " + clause);
            RowStore store = outer.ctx.store();
            Rows in = input.open(outer);
            ArrayDeque<Object[]> ready = new ArrayDeque<>();
            boolean[] exhausted = {false};
            return () -> {
                if (ready.isEmpty() && !exhausted[0]) {
                    exhausted[0] = fill(in, ready);
                    lock(store, ready);
                }
                return ready.poll();
            };
        }

        /** Reads the next batch into {@code batch}; true when the input ended. */
        private static boolean fill(Rows in, ArrayDeque<Object[]> batch) {
            while (batch.size() < LOCK_BATCH_ROWS) {
                Object[] row = in.next();
                if (row == null) {
                    return true;
                }
                batch.add(row);
            }
            return false;
        }

        private void lock(RowStore store, ArrayDeque<Object[]> batch) {
            for (Target t : targets) {
                int width = t.table().columns().size();
                List<Object[]> rows = new ArrayList<>(batch.size());
                for (Object[] row : batch) {
                    Object[] tableRow = Arrays.copyOfRange(row, t.firstColumn(), t.firstColumn() + width);
                    if (tableRow[t.table().primaryKey().get(0)] != null) {
                        rows.add(tableRow);
                    }
                }
                if (!rows.isEmpty()) {
                    store.lockRows(t.table(), rows);
                }
            }
        }
    }
}
