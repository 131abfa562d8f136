package io.tessera.storage.impl;

import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/** A RocksDB snapshot read in pages of raw pairs; see {@link StorageSnapshot}. */
final class RocksStorageSnapshot implements StorageSnapshot {
    private final RocksDB db;
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle meta;
    private final Snapshot snapshot;
    private final RocksStorageEngine engine;
    private boolean closed;

    RocksStorageSnapshot(RocksDB db, ColumnFamilyHandle data, ColumnFamilyHandle meta, RocksStorageEngine engine) {
        this.db = db;
        this.data = data;
        this.meta = meta;
        this.engine = engine;
        this.snapshot = db.getSnapshot();
    }

    @Override
    public synchronized Optional<byte[]> getMeta(byte[] key) {
        checkUsable();
        try (ReadOptions read = new ReadOptions().setSnapshot(snapshot)) {
            return Optional.ofNullable(db.get(meta, read, key));
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "read a meta key at a snapshot");
        }
    }

    @Override
    public synchronized List<KeyValue> scanRaw(byte[] startKey, byte[] endKey, byte[] after, long maxBytes) {
        checkUsable();
        byte[] lower = startKey == null ? new byte[0] : MvccKey.prefix(startKey);
        return page(data, lower, MvccKey.bound(endKey), after, maxBytes);
    }

    @Override
    public synchronized List<KeyValue> scanMetaRaw(byte[] startKey, byte[] endKey, byte[] after, long maxBytes) {
        checkUsable();
        return page(meta, startKey, endKey == null ? MvccKey.KEY_SPACE_END : endKey, after, maxBytes);
    }

    private List<KeyValue> page(ColumnFamilyHandle family, byte[] lower, byte[] upper, byte[] after, long maxBytes) {
        List<KeyValue> out = new ArrayList<>();
        long bytes = 0;
        try (Slice upperSlice = new Slice(upper);
                ReadOptions read = new ReadOptions().setSnapshot(snapshot).setIterateUpperBound(upperSlice);
                RocksIterator it = db.newIterator(family, read)) {
            it.seek(after == null || Arrays.compareUnsigned(after, lower) < 0 ? lower : after);
            if (after != null && it.isValid() && Arrays.equals(it.key(), after)) {
                it.next();
            }
            for (; it.isValid() && (out.isEmpty() || bytes < maxBytes); it.next()) {
                byte[] key = it.key();
                byte[] value = it.value();
                out.add(new KeyValue(key, value));
                bytes += key.length + value.length;
            }
            try {
                it.status();
            } catch (RocksDBException e) {
                throw StorageErrors.map(e, "scan a snapshot");
            }
        }
        return out;
    }

    private void checkUsable() {
        engine.checkOpen();
        if (closed) {
            throw new IllegalStateException("storage snapshot is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (!engine.isClosed()) { // a closed database released its snapshots with it
                db.releaseSnapshot(snapshot);
            }
        }
    }
}
