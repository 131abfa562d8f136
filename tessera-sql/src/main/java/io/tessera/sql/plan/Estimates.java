package io.tessera.sql.plan;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableStatistics;
import java.util.List;

/**
 * Row-count estimates for planning choices (join order, index or full scan), from what ANALYZE
 * stored in the table's descriptor. A table never analyzed is taken to hold {@link #DEFAULT_ROWS}
 * rows, and conditions get PostgreSQL's default selectivities: 1/200 for an equality on a column
 * of unknown spread, 1/3 for a range or any other condition.
 */
final class Estimates {
    private Estimates() {}

    /** Rows assumed for a table never analyzed, and for FROM items that are not tables. */
    static final double DEFAULT_ROWS = 1000;
    /** Distinct values assumed for a column never analyzed (PostgreSQL's DEFAULT_NUM_DISTINCT). */
    static final double DEFAULT_DISTINCT = 200;
    /** Selectivity of a range or of a condition the estimator does not read (PostgreSQL's DEFAULT_INEQ_SEL). */
    static final double DEFAULT_SELECTIVITY = 1.0 / 3;
    /**
     * Above this share of a table, reading rows through a secondary index costs more than reading
     * the table: each entry fetches its row by primary key, one point read each, where a full
     * scan streams pages of rows.
     */
    static final double INDEX_SCAN_MAX_FRACTION = 0.1;

    static double tableRows(TableDescriptor table) {
        TableStatistics s = table.statistics();
        return s == null ? DEFAULT_ROWS : Math.max(s.rowCount(), 0);
    }

    /** Rows a scan returns after its filter: the table's rows times the conditions' selectivities. */
    static double scanRows(Scans.TableScan scan, List<Expr> conjuncts) {
        TableDescriptor table = scan.table();
        double rows = tableRows(table);
        Scans.KeyAccess access = scan.access();
        if (access.equalities().size() == table.primaryKey().size()) {
            return Math.min(rows, keyCombinations(access.equalities()));
        }
        if (scan.index() != null && scan.index().isPoint() && scan.index().index().unique()) {
            return Math.min(rows, keyCombinations(scan.index().equalities()));
        }
        double selectivity = 1;
        for (Expr c : conjuncts) {
            selectivity *= selectivity(table, c);
        }
        return Math.max(1, rows * selectivity);
    }

    private static double keyCombinations(List<List<Expr>> equalities) {
        double n = 1;
        for (List<Expr> values : equalities) {
            n *= values.size();
        }
        return n;
    }

    /** The share of the table's rows that satisfy one condition. */
    static double selectivity(TableDescriptor table, Expr condition) {
        return switch (condition) {
            case Predicates.Compare c when c.op().equals("=") -> equalitySelectivity(table, c.left(), c.right());
            case Predicates.InList in when !in.negated() && !KeyAccessPlanner.independent(in.left())
                    && in.list().stream().allMatch(KeyAccessPlanner::independent) ->
                    Math.min(1, in.list().size() * equalitySelectivity(table, in.left(), null));
            default -> DEFAULT_SELECTIVITY;
        };
    }

    private static double equalitySelectivity(TableDescriptor table, Expr left, Expr right) {
        int column = columnOf(left);
        if (column < 0 || (right != null && !KeyAccessPlanner.independent(right))) {
            column = right == null ? -1 : columnOf(right);
        }
        return column < 0 ? 1 / DEFAULT_DISTINCT : 1 / distinct(table, column);
    }

    /** The table column an expression reads directly (through an order-keeping cast), or -1. */
    static int columnOf(Expr e) {
        Expr inner = e instanceof Expr.Cast c ? c.input() : e;
        return inner instanceof Expr.ColumnRef r && r.depth() == 0 ? r.index() : -1;
    }

    /**
     * Distinct values of the column at {@code position}: what ANALYZE counted; the row count for a
     * column that alone is the primary key or a unique index; else the default.
     */
    static double distinct(TableDescriptor table, int position) {
        ColumnDescriptor column = table.columns().get(position);
        TableStatistics s = table.statistics();
        if (s != null && s.column(column.id()) != null) {
            return Math.max(1, s.column(column.id()).distinct());
        }
        if (isUniqueAlone(table, position)) {
            return Math.max(1, tableRows(table));
        }
        return Math.min(DEFAULT_DISTINCT, Math.max(1, tableRows(table)));
    }

    private static boolean isUniqueAlone(TableDescriptor table, int position) {
        if (table.primaryKey().equals(List.of(position))) {
            return true;
        }
        int id = table.columns().get(position).id();
        for (IndexDescriptor i : table.indexes()) {
            if (i.unique() && i.columns().size() == 1 && !i.isExpression(0) && i.columns().get(0) == id) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether reading through this (non-unique) index would return so large a share of an
     * analyzed table that a full scan is cheaper. A table never analyzed keeps the index: without
     * statistics there is no evidence against it.
     */
    static boolean fullScanIsCheaper(TableDescriptor table, Scans.IndexAccess access, List<Expr> keyParts) {
        if (table.statistics() == null || access.index().unique() && access.isPoint()) {
            return false;
        }
        double fraction = 1;
        for (int i = 0; i < access.equalities().size(); i++) {
            int column = columnOf(keyParts.get(i));
            double perValue = column < 0 ? 1 / DEFAULT_DISTINCT : 1 / distinct(table, column);
            fraction *= Math.min(1, access.equalities().get(i).size() * perValue);
        }
        if (!access.isPoint()) {
            fraction *= DEFAULT_SELECTIVITY;
        }
        return fraction > INDEX_SCAN_MAX_FRACTION;
    }
}
