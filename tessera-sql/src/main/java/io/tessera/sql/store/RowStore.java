package io.tessera.sql.store;

import io.tessera.cluster.api.IndexDescriptor;
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

    /**
     * Locks these rows (each a whole row of {@code table}, as {@link #scan} returns them; only its
     * primary key is read) for the caller's transaction until it ends: {@code SELECT ... FOR
     * UPDATE}. A concurrent transaction that writes or locks one of them waits for this one to end.
     * The executor calls it with each batch of rows a locking query produces, before it returns
     * them to the client. A store without transactions has no transaction to hold the locks for:
     * there it does nothing lasting (see {@code KvStore.lock}). Example: {@code SELECT * FROM
     * accounts WHERE id IN (1, 2) FOR UPDATE} calls {@code lockRows(accounts, [row 1, row 2])}.
     */
    void lockRows(TableDescriptor table, List<Object[]> rows);

    /** Removes every row of the table, and every entry of its indexes. */
    void truncate(TableDescriptor table);

    /**
     * The rows whose values of {@code index}'s columns equal {@code values} (one per column, none
     * NULL, each in its column's Java class), read through the index: one fragment of the index,
     * then each row by its primary key. Rows are checked against the values again, so an entry
     * left behind by a crash never returns a row that does not match.
     */
    RowIterator lookup(TableDescriptor table, IndexDescriptor index, List<Object> values);

    /**
     * The rows that {@code index}'s entries in {@code span} (index keys) name, read from every
     * fragment of the index (a range of values is spread over all of them), each row then by its
     * primary key. Unlike {@link #lookup} the rows are not re-checked: the caller filters them.
     */
    RowIterator indexScan(TableDescriptor table, IndexDescriptor index, KeySpan span);

    /**
     * The rows that {@code index}'s entries in {@code span} name, in the index's key order (NULLs
     * last): each fragment returns its share of the span sorted, and the streams are merged, so a
     * caller that stops after n rows has read about n entries per fragment. {@code firstPageKeys}
     * caps each fragment's first read (a LIMIT's row count; later reads are full pages). A row
     * whose values no longer match its entry (an entry racing a change) is skipped.
     */
    RowIterator orderedIndexScan(TableDescriptor table, IndexDescriptor index, KeySpan span, int firstPageKeys);

    /**
     * Writes the entries of every row the table holds into {@code index} (CREATE INDEX, while the
     * index is write-only and writers already maintain it). For a unique index, two rows with the
     * same non-NULL values fail it with 23505 "could not create unique index".
     */
    void backfill(TableDescriptor table, IndexDescriptor index);

    /**
     * This store without the session's transaction: every write commits on its own, as schema
     * changes' rewrites do (DDL is not transactional in Tessera; see docs/transactions.md).
     */
    RowStore outsideTransaction();
}
