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

    /** @param planner binds the expression key parts of the table's indexes, to match them against the WHERE clause */
    static Plan pushDown(Planner planner, Plan input, Expr where) {
        if (!(input instanceof Scans.TableScan scan)) {
            return new Operators.Filter(input, where);
        }
        List<Expr> conjuncts = new ArrayList<>();
        flatten(where, conjuncts);
        Scans.KeyAccess access = access(scan.table(), conjuncts);
        Scans.IndexAccess index = access.equalities().isEmpty() ? indexAccess(planner, scan.table(), conjuncts) : null;
        if (index != null && !index.isPoint() && !access.isFull()) {
            index = null; // a range on the primary key reads the rows themselves: no fetch per entry
        }
        if (index != null && access.isFull()
                && Estimates.fullScanIsCheaper(scan.table(), index, keyParts(planner, scan.table(), index.index()))) {
            index = null;
        }
        return new Operators.Filter(new Scans.TableScan(scan.table(), scan.columns(), access, index), where);
    }

    /**
     * A readable secondary index whose every key part is bound by an equality (or IN list) of the
     * WHERE clause, or null: a unique one first, then the one binding most parts. The primary
     * key wins when it is bound at all (the caller asks only when it is not): it reads the rows
     * directly.
     */
    static Scans.IndexAccess indexAccess(Planner planner, TableDescriptor table, List<Expr> conjuncts) {
        Scans.IndexAccess best = null;
        for (IndexDescriptor index : table.indexes()) {
            if (!index.readable()) {
                continue;
            }
            List<Expr> parts = keyParts(planner, table, index);
            Scans.IndexAccess candidate = parts == null ? null : candidate(index, parts, conjuncts);
            if (candidate != null && (best == null || better(candidate, best))) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The index's key parts as bound expressions over the table's rows: a column reference per
     * column, the bound expression per expression part; null when an expression no longer binds
     * (the planner then ignores the index rather than failing the query).
     */
    static List<Expr> keyParts(Planner planner, TableDescriptor table, IndexDescriptor index) {
        List<Expr> parts = new ArrayList<>();
        for (int i = 0; i < index.columns().size(); i++) {
            if (!index.isExpression(i)) {
                int position = table.columnPosition(index.columns().get(i));
                parts.add(new Expr.ColumnRef(0, position, table.columns().get(position).type()));
                continue;
            }
            try {
                parts.add(IndexExpressions.bind(planner, table, index.expression(i)));
            } catch (io.tessera.common.error.SqlException e) {
                return null;
            }
        }
        return parts;
    }

    /** Equalities on the index's key parts in order, then a range on the next one; null when its first part is unbound. */
    private static Scans.IndexAccess candidate(IndexDescriptor index, List<Expr> parts, List<Expr> conjuncts) {
        List<List<Expr>> equalities = new ArrayList<>();
        for (Expr part : parts) {
            List<Expr> values = equality(part, conjuncts);
            if (values == null) {
                Scans.KeyAccess r = range(part, conjuncts, equalities);
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
            Expr column = new Expr.ColumnRef(0, keyColumn, table.columns().get(keyColumn).type());
            List<Expr> values = equality(column, conjuncts);
            if (values == null) {
                return range(column, conjuncts, equalities);
            }
            equalities.add(values);
        }
        return new Scans.KeyAccess(equalities, null, false, null, false);
    }

    /**
     * Bounds on {@code part} from the comparisons; none for a jsonb part, whose key encoding (its
     * canonical text) does not order values as jsonb's comparison does.
     */
    static Scans.KeyAccess range(Expr part, List<Expr> conjuncts, List<List<Expr>> equalities) {
        Expr lower = null;
        Expr upper = null;
        boolean lowerInclusive = false;
        boolean upperInclusive = false;
        for (Expr c : conjuncts) {
            if (!(c instanceof Predicates.Compare cmp) || part.type().kind() == TypeKind.JSONB) {
                continue;
            }
            Bound b = bound(part, cmp);
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

    /** {@code part op value} or {@code value op part}, normalised to the key part on the left. */
    private static Bound bound(Expr part, Predicates.Compare cmp) {
        if (isKeyPart(cmp.left(), part) && independent(cmp.right())) {
            return new Bound(cmp.op(), cmp.right());
        }
        if (isKeyPart(cmp.right(), part) && independent(cmp.left())) {
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

    static List<Expr> equality(Expr part, List<Expr> conjuncts) {
        for (Expr c : conjuncts) {
            if (c instanceof Predicates.Compare cmp && cmp.op().equals("=")) {
                Bound b = bound(part, cmp);
                if (b != null) {
                    return List.of(b.value());
                }
            }
            if (c instanceof Predicates.InList in && !in.negated() && isKeyPart(in.left(), part)
                    && in.list().stream().allMatch(KeyAccessPlanner::independent)) {
                return in.list();
            }
        }
        return null;
    }

    /**
     * The key part itself, or a cast of it that keeps its order (integer widening, text to text).
     * A column is matched by position; an expression structurally (two bindings of the same
     * expression over the same table are equal, see {@link Expr.Op}).
     */
    static boolean isKeyPart(Expr e, Expr part) {
        if (same(e, part)) {
            return true;
        }
        if (e instanceof Expr.Cast cast && same(cast.input(), part)) {
            TypeKind from = cast.input().type().kind();
            TypeKind to = cast.type().kind();
            boolean integers = from.isInteger() && to.isInteger() && from != TypeKind.OID && to != TypeKind.OID;
            boolean texts = from.isString() && to.isString() && from != TypeKind.BPCHAR;
            return integers || texts;
        }
        return false;
    }

    static boolean same(Expr e, Expr part) {
        if (part instanceof Expr.ColumnRef column) {
            return e instanceof Expr.ColumnRef ref && ref.depth() == 0 && ref.index() == column.index();
        }
        return e.equals(part);
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
