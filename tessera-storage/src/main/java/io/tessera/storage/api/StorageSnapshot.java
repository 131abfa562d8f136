package io.tessera.storage.api;

import java.util.List;
import java.util.Optional;

/**
 * A consistent read view of the whole engine at the moment it was taken (a RocksDB snapshot), for
 * copying a span to another node: the raw pairs it returns (every version, encoded as stored) go
 * back in unchanged with {@link StorageBatch#putRaw}. Thread-safe; close it to release the view.
 */
public interface StorageSnapshot extends AutoCloseable {

    Optional<byte[]> getMeta(byte[] key);

    /**
     * Raw pairs (encoded key and value of every version) of the data keys whose user key lies in
     * {@code [startKey, endKey)} (endKey null = to the end), in order, starting after the raw key
     * {@code after} (null = from the start), until about {@code maxBytes} of keys and values (at
     * least one pair when any is left). An empty list means the span is exhausted.
     */
    List<KeyValue> scanRaw(byte[] startKey, byte[] endKey, byte[] after, long maxBytes);

    /** {@link #scanRaw} for the meta space, whose keys are stored as given. */
    List<KeyValue> scanMetaRaw(byte[] startKey, byte[] endKey, byte[] after, long maxBytes);

    @Override
    void close();
}
