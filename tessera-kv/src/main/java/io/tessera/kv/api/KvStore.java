package io.tessera.kv.api;

import java.util.List;
import java.util.Optional;

/**
 * The distributed key-value API the SQL layer writes and reads through. Keys are table keys as
 * laid out by {@code KeySpace}; MVCC versions are below this API (every write gets a timestamp,
 * reads see the latest committed version). The store routes each call to the fragment that owns
 * the key: a write becomes one command in that fragment's Raft log, however many mutations it has.
 *
 * <p>Failures are {@code SqlException}s: 23505 for a PutIfAbsent on a live key, 08006/57P01 when
 * the fragment cannot be reached before the deadline, 53100 when the disk is full.
 */
public interface KvStore {

    /**
     * Applies all mutations to one fragment atomically, as one Raft log entry; every key must lie in
     * the fragment ({@link FragmentRouter#owner}), or IllegalArgumentException. At most 1 MiB and
     * 100,000 mutations per call (54000 beyond): callers split bulk loads into several writes.
     */
    void write(long fragmentId, List<Mutation> mutations);

    Optional<byte[]> get(long fragmentId, byte[] key);

    /**
     * The live pairs with {@code startKey <= key < endKey} in key order, at most {@code limit}
     * (0 for no limit). Callers page through large spans by calling again from the last key
     * (plus a 0x00 byte, the next possible key). A null startKey or endKey stands for the start or
     * the end of the fragment. Which fragments to scan for a span: {@link FragmentRouter#overlapping}.
     */
    List<KvPair> scan(long fragmentId, byte[] startKey, byte[] endKey, int limit);

    /**
     * Locks the keys for the caller's transaction until it ends, as {@code SELECT ... FOR UPDATE}
     * does: a concurrent transaction writing or locking one of them waits. A store without
     * transactions (each write its own atomic step) has no transaction to hold the locks for, so
     * locking there does nothing, as FOR UPDATE outside a transaction block does nothing lasting in
     * PostgreSQL.
     */
    default void lock(long fragmentId, List<byte[]> keys) {}
}
