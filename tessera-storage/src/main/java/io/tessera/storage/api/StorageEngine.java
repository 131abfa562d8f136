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

    /** Versions one pass of {@link #collectGarbage(byte[], byte[], long)} examines: a few milliseconds of work. */
    int GC_VERSIONS_PER_PASS = 10_000;

    /**
     * Garbage-collects the versions of the user keys in {@code [startKey, endKey)} (startKey null =
     * from the start, endKey null = to the end) that no read at a timestamp {@code >= horizonTs} can
     * see: per user key, every version older than the newest one at or below the horizon, and that
     * one too when it is a tombstone. Versions newer than the horizon always stay, so every read at
     * {@code horizonTs} or later returns what it returned before; reads below the horizon may not.
     *
     * <p>One pass examines about {@code versionsMax} versions, always finishing the user key it is
     * in (one key's versions are deleted in several write batches when there are many), and says
     * where the next pass starts. Deletes are point deletes of versions the pass saw, never range
     * deletes, so a write racing with the pass (which adds versions newer than the horizon) is
     * never lost. The removal is local and unlogged: it changes nothing a read at or after the
     * horizon sees, so replicas that collect at different moments stay logically identical.
     *
     * <p>Example: versions of k at 10 (live), 20 (tombstone), 30 (live), 40 (live); horizon 35
     * removes 10 and 20 and keeps 30 (what reads at 35..39 see) and 40. Horizon 25 removes 10 and
     * 20 (the tombstone hides nothing a read at 25 or later could see). Horizon 5 removes nothing.
     *
     * @param versionsMax how many versions the pass examines before it stops at the next user key (at least 1)
     */
    GcPass collectGarbage(byte[] startKey, byte[] endKey, long horizonTs, int versionsMax);

    /** {@link #collectGarbage(byte[], byte[], long, int)} over the whole span, pass after pass; returns versions removed. */
    default long collectGarbage(byte[] startKey, byte[] endKey, long horizonTs) {
        long removed = 0;
        byte[] from = startKey;
        do {
            GcPass pass = collectGarbage(from, endKey, horizonTs, GC_VERSIONS_PER_PASS);
            removed += pass.versionsRemoved();
            from = pass.resumeKey();
        } while (from != null);
        return removed;
    }

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
