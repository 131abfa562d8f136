package io.tessera.sql.plan;

import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * ORDER BY ... LIMIT through an index: when the sort keys are, in order, the key parts of a
 * readable index that follow the parts the WHERE clause binds by equality, the scan reads the
 * index in key order (each fragment's entries are sorted; the fragments' streams are merged) and
 * the LIMIT above stops it after n rows, instead of reading and sorting the whole table.
 *
 * <p>The index's order is ascending with NULLs last (the key encoding's), which is PostgreSQL's
 * default for ASC; DESC (NULLS FIRST) would need the entries read backwards, which the KV layer's
 * scans cannot do, so such queries keep their sort. Ties are in entry-key order, which is any order
 * PostgreSQL allows. jsonb key parts never serve an order (their encoding is jsonb's canonical
 * text, not jsonb's ordering).
 *
 * <p>Rejected alternative: a top-N sort over the whole scan; it still reads every row.
 */
final class OrderedIndexPlanner {
    private OrderedIndexPlanner() {}

    /**
     * The scan (a {@link Scans.TableScan}, possibly under its WHERE filter) rewritten to read in
     * the order of {@code sortKeys}, or null when no index gives that order.
     *
     * @param sortExprs the bound expression of each sort key, over the scan's rows
     * @param pageKeys the entries each fragment's first read asks for (the LIMIT's rows, when known)
     */
    static Plan inIndexOrder(Planner planner, Plan scanOrFilter, List<Expr> sortExprs, List<Operators.SortKey> sortKeys,
            int pageKeys) {
        Operators.Filter filter = scanOrFilter instanceof Operators.Filter f ? f : null;
        if (!((filter == null ? scanOrFilter : filter.input()) instanceof Scans.TableScan scan)
                || !scan.access().isFull() || scan.index() != null && scan.index().isPoint()) {
            return null; // primary-key access or point lookups read few rows: sorting them is cheap
        }
        if (sortKeys.stream().anyMatch(k -> k.descending() || k.nullsFirst())) {
            return null;
        }
        List<Expr> conjuncts = new ArrayList<>();
        if (filter != null) {
            KeyAccessPlanner.flatten(filter.predicate(), conjuncts);
        }
        TableDescriptor table = scan.table();
        for (IndexDescriptor index : table.indexes()) {
            if (!index.readable() || scan.index() != null && scan.index().index().id() != index.id()) {
                continue;
            }
            List<Expr> parts = KeyAccessPlanner.keyParts(planner, table, index);
            Scans.IndexAccess access = parts == null ? null : access(index, parts, conjuncts, sortExprs);
            if (access != null) {
                Plan ordered = new Scans.TableScan(table, scan.columns(), Scans.KeyAccess.FULL, access.inKeyOrder(pageKeys));
                return filter == null ? ordered : new Operators.Filter(ordered, filter.predicate());
            }
        }
        return null;
    }

    /**
     * Single-value equalities on the index's leading parts, then the sort expressions on the parts
     * that follow, in order (a range on the first of them narrows the span); null when the sort
     * does not follow the index.
     */
    private static Scans.IndexAccess access(IndexDescriptor index, List<Expr> parts, List<Expr> conjuncts,
            List<Expr> sortExprs) {
        List<List<Expr>> equalities = new ArrayList<>();
        while (equalities.size() < parts.size()) {
            List<Expr> values = KeyAccessPlanner.equality(parts.get(equalities.size()), conjuncts);
            if (values == null || values.size() != 1) {
                break;
            }
            equalities.add(values);
        }
        int first = equalities.size();
        if (first + sortExprs.size() > parts.size()) {
            return null;
        }
        for (int i = 0; i < sortExprs.size(); i++) {
            Expr part = parts.get(first + i);
            if (!KeyAccessPlanner.same(sortExprs.get(i), part) || part.type().kind() == TypeKind.JSONB) {
                return null;
            }
        }
        Scans.KeyAccess range = KeyAccessPlanner.range(parts.get(first), conjuncts, equalities);
        return new Scans.IndexAccess(index, equalities, range.lower(), range.lowerInclusive(), range.upper(),
                range.upperInclusive());
    }
}
