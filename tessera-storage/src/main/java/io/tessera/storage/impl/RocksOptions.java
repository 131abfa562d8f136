package io.tessera.storage.impl;

import io.tessera.storage.api.StorageConfig;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;
import org.rocksdb.Env;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileManager;

/**
 * Every RocksDB option Tessera depends on, set explicitly with its reason, so that an upgrade of
 * RocksDB that changes a default does not silently change durability or performance.
 */
final class RocksOptions implements AutoCloseable {
    /** 16 KiB blocks: fewer index entries than 4 KiB, still small enough for point reads. */
    private static final long BLOCK_SIZE_BYTES = 16 << 10;
    /** 3 memtables: one being written, up to two waiting for flush before writes stall. */
    private static final int MAX_WRITE_BUFFER_NUMBER = 3;
    /** 1 MiB: sync SST and WAL files in the background every MiB so a final sync has little to do. */
    private static final long BYTES_PER_SYNC = 1 << 20;
    /** 512 MiB: bound the WAL so that recovery after a crash replays at most this much. */
    private static final long MAX_TOTAL_WAL_BYTES = 512L << 20;
    /** Keep 5 old info logs (RocksDB's LOG files) for diagnosis, no more. */
    private static final long KEEP_LOG_FILE_NUM = 5;
    /** Format 6 (RocksDB 8.6+): smaller index blocks with context checksums. */
    private static final int FORMAT_VERSION = 6;

    private final List<AutoCloseable> owned = new ArrayList<>();
    final DBOptions db;
    final ColumnFamilyOptions data;
    final ColumnFamilyOptions meta;
    final WriteOptions write;
    final long freeSpaceReserveBytes;

    RocksOptions(StorageConfig config) {
        LRUCache cache = own(new LRUCache(config.blockCacheBytes()));
        db = own(dbOptions(config));
        // With an SST file manager RocksDB recovers by itself from out-of-space errors of flushes
        // and compactions once space is available again, instead of staying read-only until reopened.
        db.setSstFileManager(own(newSstFileManager()));
        // Memtables of both families may have to be flushed at once, twice over for compaction headroom.
        freeSpaceReserveBytes = 2 * MAX_WRITE_BUFFER_NUMBER * (config.writeBufferBytes() + config.writeBufferBytes() / 4);
        data = own(columnFamilyOptions(config, cache, config.writeBufferBytes()));
        // Meta keys are few and small: a quarter of the buffer is plenty.
        meta = own(columnFamilyOptions(config, cache, Math.max(1L << 20, config.writeBufferBytes() / 4)));
        write = own(new WriteOptions()
                // Not synced per write: the Raft log is fsynced before a client is answered and is
                // replayed from the last snapshot, whose index is only recorded after syncWal().
                .setSync(false)
                // The WAL stays on: it makes a batch atomic across column families and survives kill -9.
                .setDisableWAL(false));
    }

    private static SstFileManager newSstFileManager() {
        try {
            return new SstFileManager(Env.getDefault());
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot create the RocksDB SST file manager", e);
        }
    }

    private static DBOptions dbOptions(StorageConfig config) {
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(config.maxBackgroundJobs())
                .setBytesPerSync(BYTES_PER_SYNC)
                .setWalBytesPerSync(BYTES_PER_SYNC)
                .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
                // After a power loss the tail of an unsynced WAL may be torn: recover to the last
                // consistent point; the Raft log re-applies whatever came after it.
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                // Verify checksums of files on open and stop writing on a background error rather
                // than writing on after a failure (a replica stops; it does not diverge).
                .setParanoidChecks(true)
                .setKeepLogFileNum(KEEP_LOG_FILE_NUM)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    }

    private ColumnFamilyOptions columnFamilyOptions(StorageConfig config, LRUCache cache, long writeBufferBytes) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setBlockSize(BLOCK_SIZE_BYTES)
                // Whole-key bloom filters: meta point gets, and SST files a key range never touches.
                .setFilterPolicy(own(new BloomFilter(config.bloomBitsPerKey(), false)))
                .setWholeKeyFiltering(true)
                // Index and filter blocks compete for the same cache, so memory stays bounded...
                .setCacheIndexAndFilterBlocks(true)
                // ...but L0's are pinned: every read consults them.
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setFormatVersion(FORMAT_VERSION);
        return new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setWriteBufferSize(writeBufferBytes)
                .setMaxWriteBufferNumber(MAX_WRITE_BUFFER_NUMBER)
                .setCompactionStyle(CompactionStyle.LEVEL)
                // Level sizes follow the data, which keeps space amplification near 1.1.
                .setLevelCompactionDynamicLevelBytes(true)
                // LZ4 is cheap enough for hot levels; ZSTD shrinks the bottom level, where most data lives.
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                // Inserts check for a live version first and mostly miss: keep filters on every level.
                .setOptimizeFiltersForHits(false);
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing RocksDB options", e);
            }
        }
    }
}
