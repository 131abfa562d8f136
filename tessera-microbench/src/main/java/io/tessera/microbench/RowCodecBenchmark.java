package io.tessera.microbench;

import io.tessera.common.encoding.RowCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding and decoding of a five-column row value, as every row written and read does. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RowCodecBenchmark {
    private final Object[] row = Rows.sample();
    private final byte[] encoded = RowCodec.encode(Rows.COLUMN_IDS, row, Rows.KINDS);

    @Benchmark
    public byte[] encodeFiveColumns() {
        return RowCodec.encode(Rows.COLUMN_IDS, row, Rows.KINDS);
    }

    @Benchmark
    public Object[] decodeFiveColumns() {
        Object[] out = new Object[Rows.KINDS.length];
        RowCodec.decode(encoded, Rows.COLUMN_IDS, Rows.KINDS, out);
        return out;
    }
}
