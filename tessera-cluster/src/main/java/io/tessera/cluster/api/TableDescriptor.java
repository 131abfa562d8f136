package io.tessera.cluster.api;

import java.util.List;

/**
 * A table as the catalog knows it.
 *
 * @param primaryKey indexes into {@link #columns()} of the primary-key columns, in key order; a
 *     table declared without a primary key has one hidden BIGINT column as its key
 * @param fragments the fragments covering the table's whole key span, in key order
 */
public record TableDescriptor(long id, String name, List<ColumnDescriptor> columns, List<Integer> primaryKey,
        List<FragmentDescriptor> fragments) {

    public TableDescriptor {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        fragments = List.copyOf(fragments);
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
