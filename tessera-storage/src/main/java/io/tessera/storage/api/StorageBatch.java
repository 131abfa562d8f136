package io.tessera.storage.api;

/**
 * A set of changes that {@link StorageEngine#write} applies atomically: after a crash either all of
 * them are present or none. Operations apply in the order they were added, so a put after a
 * deleteRange of the same key survives and a put before it does not. Not thread-safe; close it to
 * release native memory (closing after a write is required, closing twice is harmless).
 *
 * <p>Versioned operations take a timestamp {@code ts >= 0}; two versions of one key with the same
 * timestamp are one version, and the one added last wins.
 */
public interface StorageBatch extends AutoCloseable {

    /** Writes a live version of {@code key} at {@code ts}. */
    StorageBatch put(byte[] key, long ts, byte[] value);

    /** Writes a deletion of {@code key} at {@code ts}: reads at or after ts find no value. */
    StorageBatch tombstone(byte[] key, long ts);

    /** Physically removes every version of every key in {@code [startKey, endKey)}; endKey null = to the end. */
    StorageBatch deleteRange(byte[] startKey, byte[] endKey);

    /** Writes one version exactly as {@link StorageSnapshot#scanRaw} returned it (encoded key and value). */
    StorageBatch putRaw(byte[] rawKey, byte[] rawValue);

    /** Sets an unversioned meta key (bookkeeping such as a fragment's applied index). */
    StorageBatch putMeta(byte[] key, byte[] value);

    StorageBatch deleteMeta(byte[] key);

    /** Removes every meta key in {@code [startKey, endKey)}. */
    StorageBatch deleteMetaRange(byte[] startKey, byte[] endKey);

    /** Number of operations added so far. */
    int count();

    @Override
    void close();
}
