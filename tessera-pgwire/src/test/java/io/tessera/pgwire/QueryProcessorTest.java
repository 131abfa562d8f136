package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.pgwire.FrontendMessage.Bind;
import io.tessera.pgwire.FrontendMessage.Describe;
import io.tessera.pgwire.FrontendMessage.Execute;
import io.tessera.pgwire.FrontendMessage.Parse;
import io.tessera.pgwire.api.PgWireCounters;
import io.tessera.sql.api.SqlSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query phase without a socket: what goes out, and when it is written. */
class QueryProcessorTest {
    private final ScriptedSqlEngine engine = new ScriptedSqlEngine();
    private final SqlSession session = engine.openSession("tessera", "tessera", Map.of());
    private final CountingStream sink = new CountingStream();
    private final QueryProcessor processor = new QueryProcessor(session, new WireOutput(sink, 64 * 1024),
            PgWireCounters.NONE, 1, "Etc/UTC");

    @Test
    void oneWritePerSyncNotPerMessage() throws IOException {
        processor.parse(new Parse("", "select * from types", List.of()));
        processor.bind(new Bind("", "", List.of(), List.of(), List.of()));
        processor.describe(new Describe('P', ""));
        processor.execute(new Execute("", 0));
        assertThat(sink.writes).isZero();
        processor.sync();
        assertThat(sink.writes).isEqualTo(1);
        assertThat(sink.flushes).isEqualTo(1);
        processor.simpleQuery("select 1; select 2; select 42");
        assertThat(sink.writes).isEqualTo(2);
        assertThat(sink.flushes).isEqualTo(2);
    }

    @Test
    void aCommitFailingAtSyncIsReportedBeforeReadyForQueryAndTheConnectionGoesOn() throws IOException {
        ScriptedSqlEngine.ScriptedSession scripted = (ScriptedSqlEngine.ScriptedSession) session;
        processor.parse(new Parse("", "select 1", List.of()));
        processor.bind(new Bind("", "", List.of(), List.of(), List.of()));
        processor.execute(new Execute("", 0));
        scripted.syncFailure = new SqlException(SqlState.SERIALIZATION_FAILURE, "could not serialize access");
        processor.sync();
        String first = sink.bytes.toString(StandardCharsets.ISO_8859_1);
        assertThat(first).contains("C40001").endsWith("Z\0\0\0\5I");
        assertThat(processor.skippingUntilSync()).isFalse();
        sink.bytes.reset();
        processor.simpleQuery("select 42");
        assertThat(sink.bytes.toString(StandardCharsets.ISO_8859_1)).doesNotContain("C40001").endsWith("Z\0\0\0\5I");
        assertThat(scripted.syncs).isEqualTo(2);
    }

    @Test
    void declaredParameterTypeIsReportedAndConvertedToTheEngineType() throws IOException {
        // The engine plans $4 as int2 whatever the client says; the client declared int4 and sends 4 binary bytes.
        HexFormat hex = HexFormat.of();
        processor.parse(new Parse("S_1", "select $1::numeric as n, $2::jsonb as j, $3::timestamp as ts, $4::int2 as s",
                List.of(0, 0, 0, 23)));
        processor.describe(new Describe('S', "S_1"));
        processor.bind(new Bind("", "S_1", List.of((short) 1), List.of(NumericBinary.encode(new java.math.BigDecimal("1.5")),
                hex.parseHex("017b7d"), hex.parseHex("0000000000000000"), hex.parseHex("00000005")), List.of()));
        processor.execute(new Execute("", 0));
        processor.sync();
        String out = hex.formatHex(sink.bytes.toByteArray());
        assertThat(out).contains("74" + "00000016" + "0004" + "000006a4" + "00000eda" + "0000045a" + "00000017");
        assertThat(out).contains("00000001" + "35" + "43"); // last DataRow value "5", then CommandComplete
    }

    @Test
    void conversionBetweenTypesGoesThroughText() {
        assertThat(ValueCodec.convert(5L, SqlType.INT8, SqlType.INT4, ZoneOffset.UTC)).isEqualTo(5);
        assertThat(ValueCodec.convert("x", SqlType.VARCHAR, SqlType.TEXT, ZoneOffset.UTC)).isEqualTo("x");
        assertThat(ValueCodec.convert(7, SqlType.INT4, SqlType.UNKNOWN, ZoneOffset.UTC)).isEqualTo("7");
        assertThat(ValueCodec.convert(null, SqlType.INT4, SqlType.INT8, ZoneOffset.UTC)).isNull();
    }

    @Test
    void emptyQueryDetection() {
        assertThat(QueryProcessor.isEmptyQuery("")).isTrue();
        assertThat(QueryProcessor.isEmptyQuery(" ;\n; ")).isTrue();
        assertThat(QueryProcessor.isEmptyQuery("select")).isFalse();
    }

    @Test
    void unknownTimeZoneFallsBackToUtc() {
        assertThat(QueryProcessor.zoneOf("Europe/Paris").getId()).isEqualTo("Europe/Paris");
        assertThat(QueryProcessor.zoneOf("No/Such_Zone")).isEqualTo(ZoneOffset.UTC);
        assertThat(QueryProcessor.zoneOf(null)).isEqualTo(ZoneOffset.UTC);
    }

    /** Counts write and flush calls reaching the "socket". */
    static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        int flushes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }
}
