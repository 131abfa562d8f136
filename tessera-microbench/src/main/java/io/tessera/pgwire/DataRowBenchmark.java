package io.tessera.pgwire;

import io.tessera.common.types.SqlType;
import io.tessera.pgwire.api.PgServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one five-column result row into a DataRow message, the per-row work of every query
 * result: each value through {@link ValueCodec} (text or binary, as the portal asks) and the frame
 * through {@link WireOutput} into a buffer that drains to a discarding stream at the connection's
 * flush threshold.
 *
 * <p>This class sits in pgwire's package (in this module's jar, on the class path) because the
 * encoder is package-private by design; benchmarking it from here leaves pgwire unchanged.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DataRowBenchmark {
    private static final List<SqlType> TYPES = List.of(SqlType.INT4, SqlType.TEXT, SqlType.INT8, SqlType.FLOAT8,
            SqlType.TIMESTAMPTZ);

    @Param({"text", "binary"})
    String format;

    private final Object[] row = {123_456, "customer-000123456 in region eu-west", 9_876_543_210L, 1234.5,
            Instant.parse("2024-01-02T03:04:05.123456Z")};
    private final ZoneId zone = ZoneId.of("UTC");
    private final WireOutput out = new WireOutput(OutputStream.nullOutputStream(),
            PgServerConfig.DEFAULT_OUTPUT_BUFFER_BYTES);

    @Benchmark
    public void encodeDataRow() throws IOException {
        short code = "binary".equals(format) ? ValueCodec.BINARY : ValueCodec.TEXT;
        byte[][] values = new byte[row.length][];
        for (int i = 0; i < row.length; i++) {
            values[i] = ValueCodec.encode(row[i], TYPES.get(i), code, zone);
        }
        out.dataRow(values);
    }
}
