package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.pgwire.FrontendMessage.Bind;
import io.tessera.pgwire.FrontendMessage.Execute;
import io.tessera.pgwire.FrontendMessage.Parse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message framing and decoding: lengths checked before allocation, malformed bodies FATAL 08P01. */
class FramingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX = 1024;

    private static WireInput input(String hex) {
        return new WireInput(new ByteArrayInputStream(HEX.parseHex(hex)));
    }

    private static void assertFatal(ThrowingRead read, String sqlState, String message) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.sqlState()).isEqualTo(sqlState);
            assertThat(e.fatal()).isTrue();
            assertThat(e.getMessage()).contains(message);
        });
    }

    interface ThrowingRead {
        void run() throws Exception;
    }

    @Test
    void readsOneMessage() throws IOException {
        RawMessage m = input("51" + "0000000d" + HEX.formatHex("select 1\0".getBytes())).readMessage(WireInput.QUERY_PHASE_TYPES, MAX);
        assertThat(m.type()).isEqualTo('Q');
        assertThat(FrontendMessage.decode(m)).isEqualTo(new FrontendMessage.Query("select 1"));
    }

    @Test
    void endOfStreamBetweenMessagesIsAClientThatLeft() throws IOException {
        assertThat(input("").readMessage(WireInput.QUERY_PHASE_TYPES, MAX)).isNull();
    }

    @Test
    void endOfStreamInsideAMessageIsTruncation() {
        assertThatThrownBy(() -> input("51000000").readMessage(WireInput.QUERY_PHASE_TYPES, MAX)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> input("510000000d73656c").readMessage(WireInput.QUERY_PHASE_TYPES, MAX))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void lengthBelowFourIsAProtocolViolation() {
        assertFatal(() -> input("5100000003").readMessage(WireInput.QUERY_PHASE_TYPES, MAX), "08P01", "invalid message length");
        assertFatal(() -> input("51ffffffff").readMessage(WireInput.QUERY_PHASE_TYPES, MAX), "08P01", "invalid message length");
    }

    @Test
    void unknownTypeIsRejectedBeforeItsLengthIsRead() {
        // Only the type byte exists: a server that read the length would hit end of stream instead.
        assertFatal(() -> input("78").readMessage(WireInput.QUERY_PHASE_TYPES, MAX), "08P01", "invalid frontend message type 120");
        assertFatal(() -> input("70").readMessage(WireInput.QUERY_PHASE_TYPES, MAX), "08P01", "invalid frontend message type 112");
    }

    @Test
    void oversizeLengthIsRefusedWithoutAllocatingOrReading() {
        // The stream ends right after the 2 GiB length word and counts what was read.
        CountingStream stream = new CountingStream(HEX.parseHex("517ffffff0"));
        WireInput in = new WireInput(stream);
        assertFatal(() -> in.readMessage(WireInput.QUERY_PHASE_TYPES, 64 * 1024 * 1024), "54000", "exceeds the limit of 67108864 bytes");
        assertThat(stream.read).isEqualTo(5);
    }

    @Test
    void largeBodiesGrowAsTheyArrive() throws IOException {
        byte[] sql = ("select '" + "x".repeat(300_000) + "'\0").getBytes();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write('Q');
        stream.write(new byte[] {(byte) ((sql.length + 4) >>> 24), (byte) ((sql.length + 4) >>> 16),
            (byte) ((sql.length + 4) >>> 8), (byte) (sql.length + 4)});
        stream.write(sql);
        RawMessage m = new WireInput(new ByteArrayInputStream(stream.toByteArray())).readMessage(WireInput.QUERY_PHASE_TYPES, 1 << 20);
        assertThat(m.body()).isEqualTo(sql);
        // Declared 1 MiB, sent 3 bytes: end of stream, not a 1 MiB allocation first.
        assertThatThrownBy(() -> input("5100100004616263").readMessage(WireInput.QUERY_PHASE_TYPES, 1 << 21))
                .isInstanceOf(EOFException.class).hasMessageContaining("after 3 of 1048576 bytes");
    }

    @Test
    void startupPacketLengthIsBounded() throws IOException {
        assertFatal(() -> input("00000004").readStartupPacket(10_000), "08P01", "invalid length of startup packet");
        assertFatal(() -> input("00002711").readStartupPacket(10_000), "08P01", "invalid length of startup packet");
        assertThat(input("0000000804d2162f").readStartupPacket(10_000)).containsExactly(HEX.parseHex("04d2162f"));
        assertThat(input("").readStartupPacket(10_000)).isNull();
    }

    @Test
    void decodesBindWithNullsAndMixedFormats() throws IOException {
        byte[] body = new RawClient.Body().cstring("C_1").cstring("S_1").int16(2).int16(1).int16(0)
                .int16(2).int32(4).int32(1).int32(-1).int16(1).int16(1).bytes();
        Bind b = (Bind) FrontendMessage.decode(new RawMessage('B', body));
        assertThat(b.portalName()).isEqualTo("C_1");
        assertThat(b.statementName()).isEqualTo("S_1");
        assertThat(b.parameterFormats()).containsExactly((short) 1, (short) 0);
        assertThat(b.parameterValues()).hasSize(2);
        assertThat(b.parameterValues().get(0)).containsExactly(0, 0, 0, 1);
        assertThat(b.parameterValues().get(1)).isNull();
        assertThat(b.resultFormats()).containsExactly((short) 1);
    }

    @Test
    void decodesParseAndExecute() throws IOException {
        byte[] parse = new RawClient.Body().cstring("S_1").cstring("select $1").int16(2).int32(23).int32(0).bytes();
        assertThat(FrontendMessage.decode(new RawMessage('P', parse))).isEqualTo(new Parse("S_1", "select $1", List.of(23, 0)));
        byte[] execute = new RawClient.Body().cstring("").int32(3).bytes();
        assertThat(FrontendMessage.decode(new RawMessage('E', execute))).isEqualTo(new Execute("", 3));
    }

    @Test
    void malformedBodiesAreFatal() throws IOException {
        // A string without its NUL terminator.
        assertFatal(() -> FrontendMessage.decode(new RawMessage('Q', "select 1".getBytes())), "08P01", "invalid message format");
        // A parameter count larger than the bytes that follow.
        byte[] parse = new RawClient.Body().cstring("").cstring("x").int16(1000).int32(23).bytes();
        assertFatal(() -> FrontendMessage.decode(new RawMessage('P', parse)), "08P01", "invalid message format");
        // A value length running past the body.
        byte[] bind = new RawClient.Body().cstring("").cstring("").int16(0).int16(1).int32(100).int32(1).bytes();
        assertFatal(() -> FrontendMessage.decode(new RawMessage('B', bind)), "08P01", "invalid message format");
        // A negative value length other than -1.
        byte[] negative = new RawClient.Body().cstring("").cstring("").int16(0).int16(1).int32(-5).int16(0).bytes();
        assertFatal(() -> FrontendMessage.decode(new RawMessage('B', negative)), "08P01", "invalid message format");
        // Trailing bytes after a complete Sync / Execute.
        assertFatal(() -> FrontendMessage.decode(new RawMessage('S', new byte[] {1})), "08P01", "invalid message format");
        assertFatal(() -> FrontendMessage.decode(new RawMessage('E', new RawClient.Body().cstring("").int32(0).int8(9).bytes())),
                "08P01", "invalid message format");
    }

    @Test
    void invalidUtf8InAStringFailsOnlyThatMessage() {
        assertThatThrownBy(() -> FrontendMessage.decode(new RawMessage('Q', HEX.parseHex("c328" + "00"))))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("22021");
                    assertThat(e.fatal()).isFalse();
                });
    }

    /** Counts bytes consumed, to prove that the body of an oversize message is never read. */
    static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        int read;

        CountingStream(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }
    }

    @Test
    void outputIsBufferedUntilFlushOrThreshold() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WireOutput out = new WireOutput(sink, 512);
        out.parseComplete();
        out.bindComplete();
        out.commandComplete("SELECT 1");
        out.readyForQuery('I');
        assertThat(sink.size()).isZero();
        out.flush();
        assertThat(HEX.formatHex(sink.toByteArray())).isEqualTo("3100000004" + "3200000004"
                + "430000000d" + HEX.formatHex("SELECT 1\0".getBytes()) + "5a0000000549");
        sink.reset();
        for (int i = 0; i < 100; i++) {
            out.dataRow(new byte[][] {"0123456789".getBytes()});
        }
        assertThat(sink.size()).as("a large result is written before Sync").isGreaterThan(0);
    }

    @Test
    void rowDescriptionAndErrorLayouts() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WireOutput out = new WireOutput(sink, 4096);
        out.rowDescription(List.of(new FieldDescription("email", 16386, 3, 1043, -1, 104, 0)));
        out.flush();
        assertThat(HEX.formatHex(sink.toByteArray())).isEqualTo("54" + "0000001e" + "0001" + HEX.formatHex("email\0".getBytes())
                + "00004002" + "0003" + "00000413" + "ffff" + "00000068" + "0000");
        sink.reset();
        out.errorResponse(new ErrorNotice("ERROR", "42601", "syntax error", null, "check it", 7, null));
        out.noticeResponse(ErrorNotice.notice("00000", "hi"));
        out.flush();
        RawClient.Msg error = parse(sink.toByteArray(), 0);
        assertThat(error.type()).isEqualTo('E');
        assertThat(error.field('S')).isEqualTo("ERROR");
        assertThat(error.field('V')).isEqualTo("ERROR");
        assertThat(error.field('C')).isEqualTo("42601");
        assertThat(error.field('M')).isEqualTo("syntax error");
        assertThat(error.field('H')).isEqualTo("check it");
        assertThat(error.field('P')).isEqualTo("7");
        assertThat(error.field('D')).isNull();
        RawClient.Msg notice = parse(sink.toByteArray(), error.body().length + 5);
        assertThat(notice.type()).isEqualTo('N');
        assertThat(notice.field('S')).isEqualTo("NOTICE");
    }

    @Test
    void aMessageThatFailsHalfWayIsDropped() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WireOutput out = new WireOutput(sink, 4096);
        out.commandComplete("SELECT 1");
        assertThatThrownBy(() -> out.rowDescription(List.of(new FieldDescription("bad\0name", 0, 0, 25, -1, -1, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        out.readyForQuery('I');
        out.flush();
        assertThat(HEX.formatHex(sink.toByteArray())).isEqualTo("430000000d" + HEX.formatHex("SELECT 1\0".getBytes()) + "5a0000000549");
    }

    private static RawClient.Msg parse(byte[] bytes, int at) {
        int length = ((bytes[at + 1] & 0xFF) << 24) | ((bytes[at + 2] & 0xFF) << 16) | ((bytes[at + 3] & 0xFF) << 8) | (bytes[at + 4] & 0xFF);
        byte[] body = java.util.Arrays.copyOfRange(bytes, at + 5, at + 1 + length);
        return new RawClient.Msg((char) bytes[at], body);
    }
}
