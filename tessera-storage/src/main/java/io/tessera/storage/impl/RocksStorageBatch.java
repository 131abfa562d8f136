package io.tessera.storage.impl;

import io.tessera.storage.api.StorageBatch;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** A {@link StorageBatch} backed by a native RocksDB write batch. */
final class RocksStorageBatch implements StorageBatch {
    private final WriteBatch batch = new WriteBatch();
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle meta;
    private int count;

    RocksStorageBatch(ColumnFamilyHandle data, ColumnFamilyHandle meta) {
        this.data = data;
        this.meta = meta;
    }

    WriteBatch native_() { return batch; }

    @Override
    public StorageBatch put(byte[] key, long ts, byte[] value) {
        MvccKey.checkUserKey(key);
        return add(() -> batch.put(data, MvccKey.encode(key, ts), MvccValue.live(value)));
    }

    @Override
    public StorageBatch tombstone(byte[] key, long ts) {
        MvccKey.checkUserKey(key);
        return add(() -> batch.put(data, MvccKey.encode(key, ts), MvccValue.tombstone()));
    }

    @Override
    public StorageBatch deleteRange(byte[] startKey, byte[] endKey) {
        return add(() -> batch.deleteRange(data, MvccKey.bound(startKey), MvccKey.bound(endKey)));
    }

    @Override
    public StorageBatch putRaw(byte[] rawKey, byte[] rawValue) {
        MvccKey.checkEncoded(rawKey);
        return add(() -> batch.put(data, rawKey, rawValue));
    }

    @Override
    public StorageBatch putMeta(byte[] key, byte[] value) {
        return add(() -> batch.put(meta, key, value));
    }

    @Override
    public StorageBatch deleteMeta(byte[] key) {
        return add(() -> batch.delete(meta, key));
    }

    @Override
    public StorageBatch deleteMetaRange(byte[] startKey, byte[] endKey) {
        return add(() -> batch.deleteRange(meta, startKey, endKey));
    }

    @Override
    public int count() { return count; }

    @Override
    public void close() { batch.close(); }

    private interface Op {
        void run() throws RocksDBException;
    }

    private StorageBatch add(Op op) {
        try {
            op.run();
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "add to a write batch");
        }
        count++;
        return this;
    }
}
