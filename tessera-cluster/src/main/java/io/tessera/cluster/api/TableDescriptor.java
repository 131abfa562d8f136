package io.tessera.cluster.api;

import java.util.List;

/**
 * A table as the catalog knows it.
 *
 * @param primaryKey indexes into {@link #columns()} of the primary-key columns, in key order; a
 *     table declared without a primary key has one hidden BIGINT column as its key
 * @param fragments the fragments covering the table's whole key span, in key order
 * @param checks the table's CHECK constraints (empty, never null: descriptors stored before CHECK
 *     existed decode with none)
 * @param replicas the replication factor asked for: a count, or {@link TableSpec#REPLICAS_ALL}
 *     (a replica on every node); {@link TableSpec#REPLICAS_DEFAULT} in descriptors stored before
 *     replication (they live on one node)
 * @param indexes the table's secondary indexes, each with fragments of its own (empty, never null:
 *     descriptors stored before indexes existed decode with none)
 * @param statistics what the last ANALYZE found, or null if the table was never analyzed
 */
public record TableDescriptor(long id, String name, List<ColumnDescriptor> columns, List<Integer> primaryKey,
        List<FragmentDescriptor> fragments, List<CheckConstraint> checks, int replicas, List<IndexDescriptor> indexes,
        TableStatistics statistics) {

    /** A table never analyzed. */
    public TableDescriptor(long id, String name, List<ColumnDescriptor> columns, List<Integer> primaryKey,
            List<FragmentDescriptor> fragments, List<CheckConstraint> checks, int replicas, List<IndexDescriptor> indexes) {
        this(id, name, columns, primaryKey, fragments, checks, replicas, indexes, null);
    }

    /** A table without secondary indexes. */
    public TableDescriptor(long id, String name, List<ColumnDescriptor> columns, List<Integer> primaryKey,
            List<FragmentDescriptor> fragments, List<CheckConstraint> checks, int replicas) {
        this(id, name, columns, primaryKey, fragments, checks, replicas, List.of());
    }

    public TableDescriptor(long id, String name, List<ColumnDescriptor> columns, List<Integer> primaryKey,
            List<FragmentDescriptor> fragments, List<CheckConstraint> checks) {
        this(id, name, columns, primaryKey, fragments, checks, TableSpec.REPLICAS_DEFAULT);
    }

    public TableDescriptor {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        fragments = List.copyOf(fragments);
        checks = checks == null ? List.of() : List.copyOf(checks);
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
    }

    /** The same table with these secondary indexes. */
    public TableDescriptor withIndexes(List<IndexDescriptor> next) {
        return new TableDescriptor(id, name, columns, primaryKey, fragments, checks, replicas, next, statistics);
    }

    /** The same table with what an ANALYZE found. */
    public TableDescriptor withStatistics(TableStatistics next) {
        return new TableDescriptor(id, name, columns, primaryKey, fragments, checks, replicas, indexes, next);
    }

    /** The fragments of the table and of all its indexes: every Raft group the table owns. */
    public List<FragmentDescriptor> allFragments() {
        if (indexes.isEmpty()) {
            return fragments;
        }
        List<FragmentDescriptor> all = new java.util.ArrayList<>(fragments);
        indexes.forEach(i -> all.addAll(i.fragments()));
        return List.copyOf(all);
    }

    /** The secondary index of this name, or null. */
    public IndexDescriptor index(String indexName) {
        for (IndexDescriptor i : indexes) {
            if (i.name().equals(indexName)) {
                return i;
            }
        }
        return null;
    }

    /** The position in {@link #columns()} of the column with this id, or -1. */
    public int columnPosition(int columnId) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id() == columnId) {
                return i;
            }
        }
        return -1;
    }

    /** A table without CHECK constraints. */
    public TableDescriptor(long id, String name, List<ColumnDescriptor> columns, List<Integer> primaryKey,
            List<FragmentDescriptor> fragments) {
        this(id, name, columns, primaryKey, fragments, List.of());
    }

    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }
}
