package io.tessera.sql.store;

/** One row change of a statement; rows are full table rows in the table's column order. */
public sealed interface RowChange {
    /** A new row: fails the statement with 23505 when its primary key exists. */
    record Insert(Object[] row) implements RowChange {}

    /** Overwrites the row with the same primary key. */
    record Replace(Object[] row) implements RowChange {}

    /** Removes the row with this primary key. */
    record Remove(Object[] row) implements RowChange {}
}
