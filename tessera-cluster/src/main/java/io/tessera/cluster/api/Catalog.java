package io.tessera.cluster.api;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.List;
import java.util.Optional;

/**
 * The replicated catalog: tables, their columns and fragments, and sequences. Every change is a
 * command in the metadata Raft group and is durable when the method returns; reads are served
 * from this node's applied copy and reflect at least every change this node made.
 *
 * <p>Errors are {@code SqlException}s with PostgreSQL's codes: creating an existing table is
 * 42P07, dropping or reading an unknown one 42P01. Tables, views and sequences share one namespace.
 */
public interface Catalog {

    /** Creates the table and the Raft groups of its fragments; returns it with ids assigned. */
    TableDescriptor createTable(TableSpec spec);

    /** Drops the table, its fragments' Raft groups and their data; 2BP01 while a view reads it. */
    void dropTable(String name);

    /**
     * Replaces the definition of table {@code tableId} (ALTER TABLE): its id and fragments stay;
     * its name, columns and primary key become those of {@code definition}, whose column ids are
     * kept as given (an existing column keeps its id, a new one takes an id above every id the
     * table uses, because rows store values by column id). Rewriting the rows, when the change
     * needs it, is the caller's job. 42P01 if the table is gone, 42P07 if the new name is taken.
     * Returns the new descriptor; {@link #version()} moves on.
     */
    TableDescriptor alterTable(long tableId, TableSpec definition);

    /**
     * Adds a secondary index to a table, {@code WRITE_ONLY} (writers maintain it, readers ignore
     * it), and creates the Raft groups of its fragments, placed like the table's. Filling it with
     * the entries of existing rows, then {@link #setIndexState making it PUBLIC}, is the caller's
     * job. 42P07 when a relation has the name. Returns the table's new descriptor.
     */
    default TableDescriptor createIndex(IndexSpec spec) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE INDEX is not supported by this catalog");
    }

    /** Moves an index to {@code state}; returns the table's new descriptor. 42704 when the index is gone. */
    default TableDescriptor setIndexState(long indexId, IndexDescriptor.State state) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "indexes are not supported by this catalog");
    }

    /** Drops an index, its fragments' Raft groups and their data; 42704 when there is none of that name. */
    default void dropIndex(String name) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "DROP INDEX is not supported by this catalog");
    }

    /**
     * Stores what ANALYZE found for table {@code tableId}, replacing what an earlier one found;
     * {@link #version()} moves on, so cached plans are made again with it. 42P01 when the table is
     * gone. Returns the table's new descriptor.
     */
    default TableDescriptor setStatistics(long tableId, TableStatistics statistics) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "ANALYZE is not supported by this catalog");
    }

    Optional<TableDescriptor> table(String name);

    Optional<TableDescriptor> table(long id);

    List<TableDescriptor> tables();

    /** Creates a sequence starting at 1 (the backing of SERIAL columns); 42P07 if it exists. */
    void createSequence(String name);

    void dropSequence(String name);

    /** The next value of a sequence; 42P01 when it does not exist. Values are unique, not gap-free. */
    long nextval(String sequence);

    List<String> sequences();

    /**
     * Creates a view (its id is assigned here); 42P07 when a table, sequence or (without
     * {@code orReplace}) view has the name. Replacing keeps the view's id.
     */
    ViewDescriptor createView(ViewDescriptor view, boolean orReplace);

    /** Drops a view; 42P01 when there is none of that name. */
    void dropView(String name);

    Optional<ViewDescriptor> view(String name);

    List<ViewDescriptor> views();

    /** Bumped on every catalog change, so that cached plans can tell they are stale. */
    long version();

    /**
     * Fragments of a table whose CREATE TABLE does not say: one per live node, so that every node
     * leads some of the table from the start (one on a single node).
     */
    default int defaultFragments() {
        return 1;
    }
}
