package io.tessera.kv.api;

/**
 * A distributed transaction as a {@link KvStore}: reads see one snapshot (per statement under READ
 * COMMITTED, per transaction under SNAPSHOT) plus the transaction's own writes; writes become
 * intents that lock their keys until {@link #commit} or {@link #rollback}. Not for concurrent
 * statements, but one statement may read and write several fragments from several threads.
 *
 * <p>Failures: {@link WriteConflict} (40001) when a key changed after the snapshot the statement
 * read; 40P01 when waiting for a lock may be a deadlock; 40001 when the transaction was aborted by
 * another one after its gateway stopped heartbeating it; 40003 when a commit's outcome is unknown.
 */
public interface Transaction extends KvStore {

    enum Isolation {
        /** A fresh snapshot per statement; a statement that meets a newer committed version re-runs. */
        READ_COMMITTED,
        /** One snapshot for the whole transaction, first committer wins: PostgreSQL's REPEATABLE READ. */
        SNAPSHOT
    }

    /** Its id: the timestamp of its first snapshot. */
    long id();

    Isolation isolation();

    /** Starts the next statement: a new snapshot under READ COMMITTED, a new undo point always. */
    void beginStatement();

    /** Takes back the writes of the current statement (before re-running it on a fresh snapshot). */
    void undoStatement();

    /** Commits every write at one timestamp, atomically across fragments; then the transaction is over. */
    void commit();

    /** Drops every write; best effort when fragments cannot be reached (their intents expire). */
    void rollback();
}
