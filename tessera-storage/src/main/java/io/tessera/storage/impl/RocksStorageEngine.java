package io.tessera.storage.impl;

import io.tessera.common.error.SqlException;
import io.tessera.storage.api.GcPass;
import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageConfig;
import io.tessera.storage.api.StorageEngine;
import io.tessera.storage.api.StorageFaults;
import io.tessera.storage.api.StorageSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.Range;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SizeApproximationFlag;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's RocksDB; see the package documentation for the key layout. */
public final class RocksStorageEngine implements StorageEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RocksStorageEngine.class);
    static final String META_FAMILY = "meta";
    /** Older versions of one key skipped with next() before a scan seeks past them instead. */
    private static final int VERSION_SKIPS_BEFORE_SEEK = 8;

    static {
        RocksDB.loadLibrary();
    }

    /** Free bytes below which new writes are refused: a flush of every memtable must still fit. */
    private final long freeSpaceReserveBytes;
    private static final long FREE_SPACE_RECHECK_NANOS = 100_000_000L;
    /** The last free-space reading and when it was taken; -1 until the first. */
    private volatile long lastUsable = -1;
    private volatile long usableReadAtNanos;
    private final Path directory;
    /** Looked up once: finding a path's file store parses the mount table. */
    private final java.nio.file.FileStore fileStore;
    private final RocksOptions options;
    private final RocksDB db;
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle meta;
    private volatile StorageFaults faults = StorageFaults.NONE;
    private volatile boolean closed;

    private RocksStorageEngine(Path directory, RocksOptions options, RocksDB db, List<ColumnFamilyHandle> handles)
            throws IOException {
        this.directory = directory;
        this.fileStore = Files.getFileStore(directory);
        this.freeSpaceReserveBytes = options.freeSpaceReserveBytes;
        this.options = options;
        this.db = db;
        this.data = handles.get(0);
        this.meta = handles.get(1);
    }

    public static RocksStorageEngine open(StorageConfig config) {
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw new SqlException(StorageErrors.IO_ERROR, "could not create storage directory " + config.directory(), e);
        }
        RocksOptions options = new RocksOptions(config);
        List<ColumnFamilyDescriptor> families = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options.data),
                new ColumnFamilyDescriptor(META_FAMILY.getBytes(), options.meta));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            RocksDB db = RocksDB.open(options.db, config.directory().toString(), families, handles);
            try {
                RocksStorageEngine engine = new RocksStorageEngine(config.directory(), options, db, handles);
                LOG.info("storage opened dir={}", config.directory());
                return engine;
            } catch (IOException e) {
                handles.forEach(ColumnFamilyHandle::close);
                db.close();
                options.close();
                throw new SqlException(StorageErrors.IO_ERROR, "cannot find the file store of " + config.directory(), e);
            }
        } catch (RocksDBException e) {
            options.close();
            throw StorageErrors.map(e, "open storage in " + config.directory());
        }
    }

    @Override
    public StorageBatch newBatch() {
        return new RocksStorageBatch(data, meta);
    }

    @Override
    public void write(StorageBatch batch) {
        checkOpen();
        try {
            if (faults.writeNoSpace()) {
                throw StorageErrors.simulatedNoSpace();
            }
            db.write(options.write, ((RocksStorageBatch) batch).native_());
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "write a batch of " + batch.count() + " operations");
        }
    }

    @Override
    public Optional<byte[]> get(byte[] key, long readTs) {
        checkOpen();
        byte[] prefix = MvccKey.prefix(key);
        try (Slice upper = new Slice(MvccKey.prefixEnd(prefix));
                ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator it = db.newIterator(data, read)) {
            it.seek(MvccKey.encode(key, Math.max(readTs, 0)));
            if (!it.isValid()) {
                checkIterator(it);
                return Optional.empty();
            }
            byte[] stored = it.value();
            return MvccValue.isLive(stored) ? Optional.of(MvccValue.payload(stored)) : Optional.empty();
        }
    }

    @Override
    public long newestVersionTimestamp(byte[] key) {
        checkOpen();
        byte[] prefix = MvccKey.prefix(key);
        try (Slice upper = new Slice(MvccKey.prefixEnd(prefix));
                ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator it = db.newIterator(data, read)) {
            it.seek(prefix);
            if (!it.isValid()) {
                checkIterator(it);
                return -1;
            }
            return MvccKey.timestamp(it.key());
        }
    }

    @Override
    public List<Newest> newestVersions(List<byte[]> keys) {
        checkOpen();
        List<Newest> out = new ArrayList<>(keys.size());
        try (ReadOptions read = new ReadOptions(); RocksIterator it = db.newIterator(data, read)) {
            for (byte[] key : keys) {
                byte[] prefix = MvccKey.prefix(key);
                it.seek(prefix);
                if (!it.isValid()) {
                    checkIterator(it);
                    out.add(null);
                    continue;
                }
                byte[] raw = it.key();
                boolean same = raw.length == prefix.length + MvccKey.TS_BYTES
                        && Arrays.equals(raw, 0, prefix.length, prefix, 0, prefix.length);
                out.add(same ? new Newest(MvccKey.timestamp(raw), MvccValue.isLive(it.value())) : null);
            }
        }
        return out;
    }

    @Override
    public List<byte[]> getMetas(List<byte[]> keys) {
        checkOpen();
        try {
            return db.multiGetAsList(java.util.Collections.nCopies(keys.size(), meta), keys);
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "read meta keys");
        }
    }

    @Override
    public List<KeyValue> scan(byte[] startKey, byte[] endKey, long readTs, int limit) {
        checkOpen();
        checkLimit(limit);
        try (Slice upper = new Slice(MvccKey.bound(endKey));
                ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator it = db.newIterator(data, read)) {
            it.seek(startKey == null ? new byte[0] : MvccKey.prefix(startKey));
            return collectNewest(it, readTs, limit);
        }
    }

    /** Walks versions in key order and keeps, per user key, the first one at or below readTs. */
    private static List<KeyValue> collectNewest(RocksIterator it, long readTs, int limit) {
        List<KeyValue> out = new ArrayList<>();
        byte[] decided = null; // E(userKey) of the last key whose visible version was taken
        int skips = 0;
        while (it.isValid()) {
            byte[] raw = it.key();
            int prefixLength = MvccKey.prefixLength(raw);
            if (decided != null && Arrays.equals(raw, 0, prefixLength, decided, 0, decided.length)) {
                if (++skips >= VERSION_SKIPS_BEFORE_SEEK) {
                    it.seek(MvccKey.prefixEnd(decided));
                    skips = 0;
                } else {
                    it.next();
                }
                continue;
            }
            if (MvccKey.timestamp(raw) > readTs) {
                it.next();
                continue;
            }
            decided = Arrays.copyOf(raw, prefixLength);
            skips = 0;
            byte[] stored = it.value();
            if (MvccValue.isLive(stored)) {
                out.add(new KeyValue(MvccKey.userKey(raw), MvccValue.payload(stored)));
                if (limit > 0 && out.size() >= limit) {
                    return out;
                }
            }
            it.next();
        }
        checkIterator(it);
        return out;
    }

    @Override
    public Optional<byte[]> getMeta(byte[] key) {
        checkOpen();
        try {
            return Optional.ofNullable(db.get(meta, key));
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "read a meta key");
        }
    }

    @Override
    public List<KeyValue> scanMeta(byte[] startKey, byte[] endKey, int limit) {
        checkOpen();
        checkLimit(limit);
        try (Slice upper = new Slice(endKey == null ? MvccKey.KEY_SPACE_END : endKey);
                ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator it = db.newIterator(meta, read)) {
            List<KeyValue> out = new ArrayList<>();
            for (it.seek(startKey); it.isValid() && (limit == 0 || out.size() < limit); it.next()) {
                out.add(new KeyValue(it.key(), it.value()));
            }
            checkIterator(it);
            return out;
        }
    }

    @Override
    public void deleteRange(byte[] startKey, byte[] endKey) {
        checkOpen();
        try (StorageBatch batch = newBatch()) {
            batch.deleteRange(startKey, endKey);
            write(batch);
        }
    }

    @Override
    public GcPass collectGarbage(byte[] startKey, byte[] endKey, long horizonTs, int versionsMax) {
        checkOpen();
        return new GarbageSweep(db, data, this::writeNative, horizonTs).run(startKey, endKey, versionsMax);
    }

    /** Applies a native batch built inside this package, through the same fault points as {@link #write}. */
    private void writeNative(WriteBatch batch) {
        checkOpen();
        try {
            if (faults.writeNoSpace()) {
                throw StorageErrors.simulatedNoSpace();
            }
            db.write(options.write, batch);
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "write a batch of " + batch.count() + " deletes");
        }
    }

    @Override
    public StorageSnapshot snapshot() {
        checkOpen();
        return new RocksStorageSnapshot(db, data, meta, this);
    }

    @Override
    public void syncWal() {
        checkOpen();
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "sync the write-ahead log");
        }
    }

    @Override
    public void flush() {
        checkOpen();
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, List.of(data, meta));
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "flush memtables");
        }
    }

    @Override
    public void checkpoint(Path target) {
        checkOpen();
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "write a checkpoint to " + target);
        }
    }

    @Override
    public long approximateSize(byte[] startKey, byte[] endKey) {
        checkOpen();
        try (Slice start = new Slice(startKey == null ? new byte[0] : MvccKey.prefix(startKey));
                Slice end = new Slice(MvccKey.bound(endKey))) {
            long[] sizes = db.getApproximateSizes(data, List.of(new Range(start, end)),
                    SizeApproximationFlag.INCLUDE_FILES, SizeApproximationFlag.INCLUDE_MEMTABLES);
            return sizes[0];
        }
    }

    @Override
    public void checkWritable() {
        checkOpen();
        long usable;
        try {
            usable = faults.freeSpaceLow() ? 0 : usableSpace();
        } catch (IOException e) {
            throw new SqlException(StorageErrors.IO_ERROR, "could not read free space of " + directory, e);
        }
        if (usable < freeSpaceReserveBytes) {
            throw new SqlException(io.tessera.common.error.SqlState.DISK_FULL, "could not write: No space left on device")
                    .withDetail(usable + " bytes free on the volume of " + directory + ", " + freeSpaceReserveBytes
                            + " reserved")
                    .withHint("Free disk space on this node.");
        }
    }

    /**
     * The volume's free space, read again (a statvfs call) at most every {@link #FREE_SPACE_RECHECK_NANOS}
     * while it stays above twice the reserve, and on every write once it is below: the check runs
     * before every proposal, and a syscall per write showed in profiles.
     */
    private long usableSpace() throws IOException {
        long now = System.nanoTime();
        if (now - usableReadAtNanos < FREE_SPACE_RECHECK_NANOS && lastUsable >= 2 * freeSpaceReserveBytes) {
            return lastUsable;
        }
        long usable = fileStore.getUsableSpace();
        lastUsable = usable;
        usableReadAtNanos = now;
        return usable;
    }

    @Override
    public void injectFaults(StorageFaults newFaults) {
        faults = java.util.Objects.requireNonNull(newFaults);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // Make everything applied so far durable before the files are closed.
            db.syncWal();
        } catch (RocksDBException e) {
            LOG.warn("storage close: WAL sync failed dir={} error={}", directory, e.getMessage());
        }
        data.close();
        meta.close();
        db.close();
        options.close();
        LOG.info("storage closed dir={}", directory);
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new SqlException(io.tessera.common.error.SqlState.ADMIN_SHUTDOWN, "storage is closed");
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
    }

    private static void checkIterator(RocksIterator it) {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw StorageErrors.map(e, "iterate");
        }
    }
}
