package io.tessera.microbench;

import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.types.TypeKind;
import java.util.List;
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

/** Encoding and decoding of a composite primary key (int, text), as every keyed read and write does. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyCodecBenchmark {
    private static final List<TypeKind> KINDS = List.of(TypeKind.INT4, TypeKind.TEXT);

    private final List<Object> values = List.of(42_424, "order-2024-000042424");
    private final byte[] encoded = KeyCodec.encode(values, KINDS);

    @Benchmark
    public byte[] encodeIntText() {
        return KeyCodec.encode(values, KINDS);
    }

    @Benchmark
    public List<Object> decodeIntText() {
        return KeyCodec.decode(encoded, 0, KINDS);
    }
}
