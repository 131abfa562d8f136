package io.tessera.storage.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a node's storage engine. Every RocksDB option Tessera relies on is set explicitly from
 * these fields (see the impl's options factory for the reasons of the remaining fixed choices).
 *
 * @param directory where the RocksDB files live; created if missing
 * @param blockCacheBytes shared LRU cache of uncompressed data, index and filter blocks
 * @param writeBufferBytes size of one memtable before it is flushed to an SST file
 * @param maxBackgroundJobs flush and compaction threads
 * @param bloomBitsPerKey bits per key of the SST bloom filters (10 gives about 1% false positives)
 */
public record StorageConfig(Path directory, long blockCacheBytes, long writeBufferBytes, int maxBackgroundJobs,
        double bloomBitsPerKey) {

    /** 256 MiB: large enough to keep the hot index/filter blocks of a small node resident. */
    public static final long BLOCK_CACHE_BYTES_DEFAULT = 256L << 20;
    /** 64 MiB: RocksDB's own default, a good trade between flush frequency and recovery time. */
    public static final long WRITE_BUFFER_BYTES_DEFAULT = 64L << 20;
    /** 2: the reference machine has two cores; more jobs would only contend. */
    public static final int MAX_BACKGROUND_JOBS_DEFAULT = 2;
    /** 10 bits per key: about 1% false positives for 1.25 bytes per key. */
    public static final double BLOOM_BITS_PER_KEY_DEFAULT = 10.0;

    public StorageConfig {
        Objects.requireNonNull(directory, "directory");
        if (blockCacheBytes < (1L << 20)) {
            throw new IllegalArgumentException("blockCacheBytes must be at least 1 MiB: " + blockCacheBytes);
        }
        if (writeBufferBytes < (1L << 20)) {
            throw new IllegalArgumentException("writeBufferBytes must be at least 1 MiB: " + writeBufferBytes);
        }
        if (maxBackgroundJobs < 1 || maxBackgroundJobs > 64) {
            throw new IllegalArgumentException("maxBackgroundJobs must be in [1, 64]: " + maxBackgroundJobs);
        }
        if (bloomBitsPerKey < 0 || bloomBitsPerKey > 64) {
            throw new IllegalArgumentException("bloomBitsPerKey must be in [0, 64]: " + bloomBitsPerKey);
        }
    }

    public static StorageConfig defaults(Path directory) {
        return new StorageConfig(directory, BLOCK_CACHE_BYTES_DEFAULT, WRITE_BUFFER_BYTES_DEFAULT,
                MAX_BACKGROUND_JOBS_DEFAULT, BLOOM_BITS_PER_KEY_DEFAULT);
    }

    /** Small buffers for tests that open many engines. */
    public static StorageConfig small(Path directory) {
        return new StorageConfig(directory, 8L << 20, 4L << 20, 2, BLOOM_BITS_PER_KEY_DEFAULT);
    }
}
