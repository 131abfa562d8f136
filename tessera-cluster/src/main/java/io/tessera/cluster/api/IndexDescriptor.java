package io.tessera.cluster.api;

import io.tessera.common.types.SqlType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
 * @param columns the key parts in key order: ids ({@link ColumnDescriptor#id()}) of indexed columns,
 *     and {@link #EXPRESSION} for each expression part (as PostgreSQL's pg_index.indkey marks them 0)
 * @param include ids of the INCLUDE columns (recorded for the catalog views; not stored in entries)
 * @param unique whether two rows may not share non-NULL indexed values (NULLs are distinct, as in
 *     PostgreSQL)
 * @param fragments the index's fragments; {@code FragmentDescriptor.tableId} holds the index id
 * @param expressions one per {@link #EXPRESSION} part of {@code columns}, in the same order (empty,
 *     never null: descriptors stored before expression indexes decode with none)
 */
public record IndexDescriptor(long id, String name, long tableId, List<Integer> columns, List<Integer> include,
        boolean unique, State state, List<FragmentDescriptor> fragments, List<IndexExpression> expressions) {

    /** The id in {@link #columns()} of an expression key part: column ids start at 1. */
    public static final int EXPRESSION = 0;

    /** Most columns in one index, as PostgreSQL's INDEX_MAX_KEYS. */
    public static final int COLUMNS_MAX = 32;

    public enum State {
        /** Maintained by writers, not read by queries: the backfill is running or failed. */
        WRITE_ONLY,
        /** Maintained and readable. */
        PUBLIC
    }

    /** An index of columns only. */
    public IndexDescriptor(long id, String name, long tableId, List<Integer> columns, List<Integer> include,
            boolean unique, State state, List<FragmentDescriptor> fragments) {
        this(id, name, tableId, columns, include, unique, state, fragments, List.of());
    }

    public IndexDescriptor {
        columns = List.copyOf(columns);
        include = include == null ? List.of() : List.copyOf(include);
        fragments = List.copyOf(fragments);
        expressions = expressions == null ? List.of() : List.copyOf(expressions);
        if (columns.isEmpty() || columns.size() > COLUMNS_MAX) {
            throw new IllegalArgumentException("an index has 1 to " + COLUMNS_MAX + " columns: " + columns);
        }
        if (columns.stream().filter(c -> c == EXPRESSION).count() != expressions.size()) {
            throw new IllegalArgumentException("index " + name + " has " + expressions.size()
                    + " expressions for key parts " + columns);
        }
    }

    /** Whether key part {@code part} (0-based) is an expression rather than a column. */
    public boolean isExpression(int part) {
        return columns.get(part) == EXPRESSION;
    }

    /** The expression of key part {@code part}, which must be one. */
    public IndexExpression expression(int part) {
        if (!isExpression(part)) {
            throw new IllegalArgumentException("key part " + part + " of index " + name + " is a column");
        }
        int n = 0;
        for (int i = 0; i < part; i++) {
            n += isExpression(i) ? 1 : 0;
        }
        return expressions.get(n);
    }

    /** The type of key part {@code part} of this index of {@code table}. */
    public SqlType keyType(TableDescriptor table, int part) {
        if (isExpression(part)) {
            return expression(part).type();
        }
        int position = table.columnPosition(columns.get(part));
        if (position < 0) {
            throw new IllegalStateException("index " + name + " names column id " + columns.get(part)
                    + " that table " + table.name() + " lacks");
        }
        return table.columns().get(position).type();
    }

    /** The types of every key part, in key order. */
    public List<SqlType> keyTypes(TableDescriptor table) {
        List<SqlType> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            out.add(keyType(table, i));
        }
        return List.copyOf(out);
    }

    /** Ids of every column the key reads, directly or inside an expression (not the INCLUDE columns). */
    public Set<Integer> keyColumnIds() {
        Set<Integer> out = new LinkedHashSet<>();
        columns.stream().filter(c -> c != EXPRESSION).forEach(out::add);
        expressions.forEach(e -> out.addAll(e.columns()));
        return out;
    }

    /** Whether queries may read the index (its backfill finished). */
    public boolean readable() {
        return state == State.PUBLIC;
    }

    public IndexDescriptor withState(State next) {
        return new IndexDescriptor(id, name, tableId, columns, include, unique, next, fragments, expressions);
    }
}
