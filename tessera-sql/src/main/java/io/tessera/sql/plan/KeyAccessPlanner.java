package io.tessera.sql.plan;

import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the conditions of a WHERE clause that bound a table's primary key, so that the scan reads
 * only those keys: equalities (or IN lists) on a prefix of the key columns, then a range on the next
 * key column. The whole WHERE clause stays as a filter above the scan, so this only has to find a
 * superset of the matching keys.
 */
final class KeyAccessPlanner {
    private KeyAccessPlanner() {}

    static Plan pushDown(Plan input, Expr where) {
        if (!(input instanceof Scans.TableScan scan)) {
            return new Operators.Filter(input, where);
        }
        List<Expr> conjuncts = new ArrayList<>();
        flatten(where, conjuncts);
        Scans.KeyAccess access = access(scan.table(), conjuncts);
        Scans.IndexAccess index = access.equalities().isEmpty() ? indexAccess(scan.table(), conjuncts) : null;
        if (index != null && !index.isPoint() && !access.isFull()) {
            index = null; // a range on the primary key reads the rows themselves: no fetch per entry
        }
        return new Operators.Filter(new Scans.TableScan(scan.table(), scan.columns(), access, index), where);
    }

    /**
     * A readable secondary index whose every column is bound by an equality (or IN list) of the
     * WHERE clause, or null: a unique one first, then the one binding most columns. The primary
     * key wins when it is bound at all (the caller asks only when it is not): it reads the rows
     * directly.
     */
    static Scans.IndexAccess indexAccess(TableDescriptor table, List<Expr> conjuncts) {
        Scans.IndexAccess best = null;
        for (IndexDescriptor index : table.indexes()) {
            if (!index.readable()) {
                continue;
            }
            Scans.IndexAccess candidate = candidate(table, index, conjuncts);
            if (candidate != null && (best == null || better(candidate, best))) {
                best = candidate;
            }
        }
        return best;
    }

    /** Equalities on the index's columns in order, then a range on the next one; null when its first column is unbound. */
    private static Scans.IndexAccess candidate(TableDescriptor table, IndexDescriptor index, List<Expr> conjuncts) {
        List<List<Expr>> equalities = new ArrayList<>();
        for (int columnId : index.columns()) {
            int position = table.columnPosition(columnId);
            List<Expr> values = equality(position, conjuncts);
            if (values == null) {
                Scans.KeyAccess r = range(position, conjuncts, equalities);
                if (r.lower() == null && r.upper() == null && equalities.isEmpty()) {
                    return null;
                }
                return new Scans.IndexAccess(index, equalities, r.lower(), r.lowerInclusive(), r.upper(), r.upperInclusive());
            }
            equalities.add(values);
        }
        return new Scans.IndexAccess(index, equalities);
    }

    /** Point lookups before ranges; among points a unique index, then more columns; among ranges more equalities. */
    private static boolean better(Scans.IndexAccess candidate, Scans.IndexAccess current) {
        if (candidate.isPoint() != current.isPoint()) {
            return candidate.isPoint();
        }
        if (candidate.isPoint() && candidate.index().unique() != current.index().unique()) {
            return candidate.index().unique();
        }
        return candidate.equalities().size() > current.equalities().size();
    }

    static void flatten(Expr e, List<Expr> out) {
        if (e instanceof Predicates.And and) {
            for (Expr t : and.terms()) {
                flatten(t, out);
            }
        } else {
            out.add(e);
        }
    }

    private static Scans.KeyAccess access(TableDescriptor table, List<Expr> conjuncts) {
        List<List<Expr>> equalities = new ArrayList<>();
        for (int keyColumn : table.primaryKey()) {
            List<Expr> values = equality(keyColumn, conjuncts);
            if (values == null) {
                return range(keyColumn, conjuncts, equalities);
            }
            equalities.add(values);
        }
        return new Scans.KeyAccess(equalities, null, false, null, false);
    }

    private static Scans.KeyAccess range(int keyColumn, List<Expr> conjuncts, List<List<Expr>> equalities) {
        Expr lower = null;
        Expr upper = null;
        boolean lowerInclusive = false;
        boolean upperInclusive = false;
        for (Expr c : conjuncts) {
            if (!(c instanceof Predicates.Compare cmp)) {
                continue;
            }
            Bound b = bound(keyColumn, cmp);
            if (b == null) {
                continue;
            }
            switch (b.op()) {
                case ">", ">=" -> { lower = b.value(); lowerInclusive = b.op().equals(">="); }
                case "<", "<=" -> { upper = b.value(); upperInclusive = b.op().equals("<="); }
                default -> { }
            }
        }
        return new Scans.KeyAccess(equalities, lower, lowerInclusive, upper, upperInclusive);
    }

    private record Bound(String op, Expr value) {}

    /** {@code col op value} or {@code value op col}, normalised to the column on the left. */
    private static Bound bound(int column, Predicates.Compare cmp) {
        if (isColumn(cmp.left(), column) && independent(cmp.right())) {
            return new Bound(cmp.op(), cmp.right());
        }
        if (isColumn(cmp.right(), column) && independent(cmp.left())) {
            return new Bound(flip(cmp.op()), cmp.left());
        }
        return null;
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private static List<Expr> equality(int column, List<Expr> conjuncts) {
        for (Expr c : conjuncts) {
            if (c instanceof Predicates.Compare cmp && cmp.op().equals("=")) {
                Bound b = bound(column, cmp);
                if (b != null) {
                    return List.of(b.value());
                }
            }
            if (c instanceof Predicates.InList in && !in.negated() && isColumn(in.left(), column)
                    && in.list().stream().allMatch(KeyAccessPlanner::independent)) {
                return in.list();
            }
        }
        return null;
    }

    /** The key column itself, or a cast of it that keeps its order (integer widening, text to text). */
    private static boolean isColumn(Expr e, int column) {
        if (e instanceof Expr.ColumnRef ref) {
            return ref.depth() == 0 && ref.index() == column;
        }
        if (e instanceof Expr.Cast cast && cast.input() instanceof Expr.ColumnRef ref && ref.depth() == 0 && ref.index() == column) {
            TypeKind from = ref.type().kind();
            TypeKind to = cast.type().kind();
            boolean integers = from.isInteger() && to.isInteger() && from != TypeKind.OID && to != TypeKind.OID;
            boolean texts = from.isString() && to.isString() && from != TypeKind.BPCHAR;
            return integers || texts;
        }
        return false;
    }

    /** A value the same for every row of the scan: a constant, a parameter or an outer column. */
    static boolean independent(Expr e) {
        return switch (e) {
            case Expr.Constant c -> true;
            case Expr.Param p -> true;
            case Expr.ColumnRef r -> r.depth() > 0;
            case Expr.Cast c -> independent(c.input());
            default -> false;
        };
    }
}
