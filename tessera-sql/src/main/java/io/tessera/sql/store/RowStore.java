package io.tessera.sql.store;

import io.tessera.cluster.api.TableDescriptor;
import java.util.List;

/**
 * The one interface the executor reads and writes table rows through. A row is an
 * {@code Object[]} in the order of {@code TableDescriptor.columns()}, hidden columns included.
 * A transaction layer will implement this same interface over its own snapshot and write buffer.
 */
public interface RowStore {

    /** Pull-based row iterator; {@link #next()} returns null at the end. */
    interface RowIterator {
        Object[] next();
    }

    /** Rows whose keys lie in {@code span}, in key order, fetched lazily page by page. */
    RowIterator scan(TableDescriptor table, KeySpan span);

    /** The row with exactly this primary key, or null. */
    Object[] get(TableDescriptor table, List<Object> primaryKey);

    /**
     * Applies a statement's changes: one atomic batch per fragment. Removes are ordered before
     * inserts so that moving a row to a new primary key works within one fragment.
     */
    void apply(TableDescriptor table, List<RowChange> changes);

    /** Removes every row of the table. */
    void truncate(TableDescriptor table);
}
