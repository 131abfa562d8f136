package io.tessera.storage.impl;

import io.tessera.storage.api.GcPass;
import java.util.Arrays;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * One pass of MVCC garbage collection over a span of the data family (see
 * {@code StorageEngine.collectGarbage}). Versions of a user key sit together, newest first, so one
 * forward walk decides each key: skip the versions above the horizon, keep the first one at or
 * below it when it is live, delete everything after it.
 */
final class GarbageSweep {
    /**
     * Point deletes per write batch: 4096 deletes of keys of some tens of bytes make a batch of a
     * few hundred KiB, small next to a memtable, and a pass of a hot key with a million versions
     * never builds one giant batch.
     */
    static final int DELETE_BATCH_MAX = 4096;
    /** Versions above the horizon skipped with next() before the sweep seeks straight to the horizon. */
    private static final int SKIPS_BEFORE_SEEK = 8;

    private final RocksDB db;
    private final ColumnFamilyHandle data;
    private final Consumer<WriteBatch> writer;
    private final long horizonTs;
    private final byte[] tag = new byte[1];
    private WriteBatch pending = new WriteBatch();
    private long removed;
    private long minTsAboveHorizon = Long.MAX_VALUE;

    /** {@code writer} applies a batch of deletes (through the engine's write path and its fault points). */
    GarbageSweep(RocksDB db, ColumnFamilyHandle data, Consumer<WriteBatch> writer, long horizonTs) {
        if (horizonTs < 0) {
            throw new IllegalArgumentException("the horizon is a timestamp, non-negative: " + horizonTs);
        }
        this.db = db;
        this.data = data;
        this.writer = writer;
        this.horizonTs = horizonTs;
    }

    GcPass run(byte[] startKey, byte[] endKey, int versionsMax) {
        if (versionsMax < 1) {
            throw new IllegalArgumentException("versionsMax must be at least 1: " + versionsMax);
        }
        try (Slice upper = new Slice(MvccKey.bound(endKey));
                // A background sweep must not evict the blocks that serve queries.
                ReadOptions read = new ReadOptions().setIterateUpperBound(upper).setFillCache(false);
                RocksIterator it = db.newIterator(data, read)) {
            it.seek(startKey == null ? new byte[0] : MvccKey.prefix(startKey));
            byte[] resume = sweep(it, versionsMax);
            flush();
            return new GcPass(removed, resume, minTsAboveHorizon);
        } finally {
            pending.close();
        }
    }

    /** Walks until the span ends (null) or {@code versionsMax} are examined (the next user key). */
    private byte[] sweep(RocksIterator it, int versionsMax) {
        byte[] current = null; // E(userKey) of the key being decided
        boolean decided = false; // whether the key's newest version at or below the horizon was reached
        int skips = 0;
        long examined = 0;
        while (it.isValid()) {
            byte[] raw = it.key();
            int prefixLength = MvccKey.prefixLength(raw);
            if (current == null || !Arrays.equals(raw, 0, prefixLength, current, 0, current.length)) {
                if (examined >= versionsMax) {
                    return MvccKey.userKey(raw);
                }
                current = Arrays.copyOf(raw, prefixLength);
                decided = false;
                skips = 0;
            }
            examined++;
            long ts = MvccKey.timestamp(raw);
            if (!decided && ts > horizonTs) {
                if (++skips >= SKIPS_BEFORE_SEEK) {
                    // The versions the seek jumps over lie between the horizon and this one.
                    minTsAboveHorizon = Math.min(minTsAboveHorizon, horizonTs + 1);
                    it.seek(MvccKey.withTimestamp(current, horizonTs));
                    skips = 0;
                } else {
                    minTsAboveHorizon = Math.min(minTsAboveHorizon, ts);
                    it.next();
                }
                continue;
            }
            if (!decided) {
                decided = true;
                if (isLive(it)) {
                    it.next(); // the version reads at the horizon see: it stays
                    continue;
                }
            }
            delete(raw);
            it.next();
        }
        checkIterator(it);
        return null;
    }

    /** Reads only the tag byte of the current value: a sweep over a large table copies no payloads. */
    private boolean isLive(RocksIterator it) {
        int length = it.value(tag);
        return MvccValue.isLive(tag[0], length);
    }

    private void delete(byte[] raw) {
        try {
            pending.delete(data, raw);
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "add a delete to a garbage-collection batch");
        }
        removed++;
        if (pending.count() >= DELETE_BATCH_MAX) {
            flush();
            pending.close();
            pending = new WriteBatch();
        }
    }

    private void flush() {
        if (pending.count() > 0) {
            writer.accept(pending);
        }
    }

    private static void checkIterator(RocksIterator it) {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "iterate for garbage collection");
        }
    }
}
