package io.tessera.microbench;

import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.RowCodec;
import io.tessera.common.types.TypeKind;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageConfig;
import io.tessera.storage.api.StorageEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point reads and writes on the node's real storage engine (RocksDB with the node's default
 * settings) in a temporary directory, preloaded with {@link #keys} rows of five columns and
 * flushed to SST files, so reads go through the block cache and bloom filters as on a node.
 *
 * <p>{@code write} is what a fragment's state machine does per applied command (the durability
 * comes from the fsynced Raft log); {@code writeSynced} adds the WAL fsync and so measures the
 * disk's sync rate more than the engine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StorageBenchmark {
    private static final List<TypeKind> KEY_KINDS = List.of(TypeKind.INT8);

    /** 100k rows: well past the memtable of a quick run, small enough to preload in a second or two. */
    @Param("100000")
    int keys;

    private Path directory;
    private StorageEngine engine;
    private byte[][] keyBytes;
    private byte[] value;
    /** Versions of one key must differ in timestamp; every write takes the next one. */
    private final AtomicLong nextTs = new AtomicLong(1);

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("tessera-microbench-");
        engine = StorageEngine.open(StorageConfig.defaults(directory.resolve("db")));
        value = RowCodec.encode(Rows.COLUMN_IDS, Rows.sample(), Rows.KINDS);
        keyBytes = new byte[keys][];
        StorageBatch batch = engine.newBatch();
        long ts = nextTs.getAndIncrement();
        for (int i = 0; i < keys; i++) {
            keyBytes[i] = KeyCodec.encode(List.of((long) i), KEY_KINDS);
            batch.put(keyBytes[i], ts, value);
        }
        engine.write(batch);
        batch.close();
        engine.flush();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        engine.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(StorageBenchmark::delete);
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] randomKey() {
        return keyBytes[ThreadLocalRandom.current().nextInt(keys)];
    }

    @Benchmark
    public Optional<byte[]> pointRead() {
        return engine.get(randomKey(), Long.MAX_VALUE);
    }

    @Benchmark
    public void pointWrite() {
        try (StorageBatch batch = engine.newBatch()) {
            batch.put(randomKey(), nextTs.getAndIncrement(), value);
            engine.write(batch);
        }
    }

    @Benchmark
    public void pointWriteSynced() {
        try (StorageBatch batch = engine.newBatch()) {
            batch.put(randomKey(), nextTs.getAndIncrement(), value);
            engine.write(batch);
        }
        engine.syncWal();
    }
}
