package io.tessera.storage.api;

import io.tessera.storage.impl.RocksStorageEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The node's local multi-version key-value engine (RocksDB). One per node; every fragment replica
 * on the node shares it, each in its own key span. Thread-safe.
 *
 * <p>Reads take a timestamp and see, per user key, the newest version at or below it; a tombstone
 * hides the key. {@code Long.MAX_VALUE} reads the latest version.
 *
 * <p>Example: {@code put(k, 10, "a")}, {@code tombstone(k, 20)}, {@code put(k, 30, "b")}:
 * {@code get(k, 15)} is "a", {@code get(k, 25)} is empty, {@code get(k, Long.MAX_VALUE)} is "b".
 */
public interface StorageEngine extends AutoCloseable {

    /** Opens (creating if needed) the engine in {@code config.directory()}. */
    static StorageEngine open(StorageConfig config) {
        return RocksStorageEngine.open(config);
    }

    StorageBatch newBatch();

    /** Applies the batch atomically. Not synced to disk: call {@link #syncWal()} for that. */
    void write(StorageBatch batch);

    /** The value of the newest version of {@code key} with timestamp {@code <= readTs}, if live. */
    Optional<byte[]> get(byte[] key, long readTs);

    /**
     * The newest live version at or below {@code readTs} of every key in {@code [startKey, endKey)}
     * (endKey null = to the end), in key order, at most {@code limit} pairs (0 = no limit).
     */
    List<KeyValue> scan(byte[] startKey, byte[] endKey, long readTs, int limit);

    /**
     * The timestamp of the newest version of {@code key}, live or tombstone, or -1 when it has none:
     * what a writer checks to learn whether someone committed the key after its snapshot.
     */
    long newestVersionTimestamp(byte[] key);

    /** The newest version of a key: its timestamp and whether it is live. */
    record Newest(long timestamp, boolean live) {}

    /**
     * The newest version of each key (null where a key has none), with one iterator for all: a
     * transactional write checks every key it writes this way.
     */
    List<Newest> newestVersions(List<byte[]> keys);

    /** The values of several meta keys (null where absent), in one multi-get. */
    List<byte[]> getMetas(List<byte[]> keys);

    Optional<byte[]> getMeta(byte[] key);

    /** Meta pairs in {@code [startKey, endKey)}, key order, at most {@code limit} (0 = no limit). */
    List<KeyValue> scanMeta(byte[] startKey, byte[] endKey, int limit);

    /** Removes every version of every key in {@code [startKey, endKey)} at once (not through a batch). */
    void deleteRange(byte[] startKey, byte[] endKey);

    /** A consistent read view of the engine as of now; see {@link StorageSnapshot}. */
    StorageSnapshot snapshot();

    /** Forces every write so far to stable storage (fsync of the write-ahead log). */
    void syncWal();

    /** Flushes memtables to SST files and waits for it. */
    void flush();

    /** Writes a consistent, openable copy of the whole engine into {@code target} (must not exist). */
    void checkpoint(Path target);

    /** Approximate bytes on disk and in memtables of the versions of keys in {@code [startKey, endKey)}. */
    long approximateSize(byte[] startKey, byte[] endKey);

    /**
     * Throws {@code SqlException} 53100 when a write should not be attempted: the volume has less
     * free space than the reserve a memtable flush needs, or the disk-full fault point is on. Callers
     * check before they commit to a write that cannot be taken back (a Raft proposal).
     */
    void checkWritable();

    /** Sets the fault points (see {@link StorageFaults}); {@link StorageFaults#NONE} in production. */
    void injectFaults(StorageFaults faults);

    @Override
    void close();
}
