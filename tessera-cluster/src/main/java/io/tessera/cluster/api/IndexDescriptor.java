package io.tessera.cluster.api;

import java.util.List;

/**
 * A secondary index of a table, as the catalog knows it. Its entries live in fragments of their
 * own ({@link #fragments()}, hash-fragmented like a table, each with its own Raft group and
 * placement), keyed by {@code KeySpace.indexKey}: the index id, the indexed values, and for
 * entries that may repeat the primary key; see {@link FragmentSpans} for the routing rule, which
 * hashes the indexed values only, so that an equality lookup reads one fragment.
 *
 * <p>Lifecycle (the two-state online schema change of F1): CREATE INDEX adds it
 * {@link State#WRITE_ONLY}: every writer maintains its entries, no reader uses it, while the
 * backfill writes the entries of the rows already there; then it becomes {@link State#PUBLIC}
 * and the planner may read it. DROP INDEX removes it and its fragments at once.
 *
 * @param id taken from the catalog's relation id counter (an index is a relation in pg_class)
 * @param columns ids ({@link ColumnDescriptor#id()}) of the indexed columns, in key order
 * @param include ids of the INCLUDE columns (recorded for the catalog views; not stored in entries)
 * @param unique whether two rows may not share non-NULL indexed values (NULLs are distinct, as in
 *     PostgreSQL)
 * @param fragments the index's fragments; {@code FragmentDescriptor.tableId} holds the index id
 */
public record IndexDescriptor(long id, String name, long tableId, List<Integer> columns, List<Integer> include,
        boolean unique, State state, List<FragmentDescriptor> fragments) {

    /** Most columns in one index, as PostgreSQL's INDEX_MAX_KEYS. */
    public static final int COLUMNS_MAX = 32;

    public enum State {
        /** Maintained by writers, not read by queries: the backfill is running or failed. */
        WRITE_ONLY,
        /** Maintained and readable. */
        PUBLIC
    }

    public IndexDescriptor {
        columns = List.copyOf(columns);
        include = include == null ? List.of() : List.copyOf(include);
        fragments = List.copyOf(fragments);
        if (columns.isEmpty() || columns.size() > COLUMNS_MAX) {
            throw new IllegalArgumentException("an index has 1 to " + COLUMNS_MAX + " columns: " + columns);
        }
    }

    /** Whether queries may read the index (its backfill finished). */
    public boolean readable() {
        return state == State.PUBLIC;
    }

    public IndexDescriptor withState(State next) {
        return new IndexDescriptor(id, name, tableId, columns, include, unique, next, fragments);
    }
}
