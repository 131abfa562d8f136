package io.tessera.sql.store;

/** One row change of a statement; rows are full table rows in the table's column order. */
public sealed interface RowChange {
    /** A new row: fails the statement with 23505 when its primary key exists. */
    record Insert(Object[] row) implements RowChange {}

    /**
     * Overwrites the row with the same primary key.
     *
     * @param old the row it replaces when the writer read it, else null (the store reads it back
     *     when it needs it: to move the row's index entries)
     */
    record Replace(Object[] row, Object[] old) implements RowChange {
        public Replace(Object[] row) {
            this(row, null);
        }
    }

    /** Removes the row with this primary key; {@code row} is the whole row as read (its index entries go too). */
    record Remove(Object[] row) implements RowChange {}
}
