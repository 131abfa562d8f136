package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.error.SqlException;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Arbitrary bytes from a client never escape as anything but a protocol or data error: no
 * NegativeArraySizeException, no IndexOutOfBounds, no huge allocation.
 */
class FuzzProperties {

    @Property(tries = 3000)
    void randomMessageStreamsFailOnlyWithProtocolErrors(@ForAll("streams") byte[] stream) throws IOException {
        WireInput in = new WireInput(new ByteArrayInputStream(stream));
        try {
            RawMessage m;
            while ((m = in.readMessage(WireInput.QUERY_PHASE_TYPES, 4096)) != null) {
                try {
                    FrontendMessage.decode(m);
                } catch (SqlException e) {
                    assertThat(e.fatal() || e.sqlState().equals("22021")).as(e.getMessage()).isTrue();
                }
            }
        } catch (SqlException e) {
            assertThat(e.sqlState()).isIn("08P01", "54000");
            assertThat(e.fatal()).isTrue();
        } catch (EOFException e) {
            // truncated: the connection reports 08P01
        }
    }

    @Property(tries = 3000)
    void randomStartupPacketsFailOnlyWithProtocolErrors(@ForAll("startups") byte[] stream) throws IOException {
        try {
            StartupHandshake.negotiate(new WireInput(new ByteArrayInputStream(stream)),
                    new WireOutput(new ByteArrayOutputStream(), 1024), 10_000);
        } catch (SqlException e) {
            assertThat(e.fatal()).isTrue();
            assertThat(e.sqlState()).isIn("08P01", "0A000", "28000", "22021");
        } catch (EOFException e) {
            // truncated packet
        }
    }

    @Property(tries = 5000)
    void randomBinaryParametersAreDataErrors(@ForAll @Size(max = 40) byte[] value, @ForAll TypeKind kind) {
        SqlType type = SqlType.of(kind);
        try {
            ValueCodec.decodeParameter(value, type, ValueCodec.BINARY, ZoneOffset.UTC, 1);
        } catch (SqlException e) {
            assertThat(e.fatal()).isFalse();
            assertThat(e.sqlState()).isIn("22P03", "22021", "22P02");
        }
    }

    /** Mostly well-typed message headers with random lengths and bodies, so decoding is reached. */
    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> message = Arbitraries.of('Q', 'P', 'B', 'D', 'E', 'C', 'S', 'H', 'F', 'd', 'x')
                .flatMap(type -> Arbitraries.bytes().array(byte[].class).ofMaxSize(60).flatMap(body ->
                        Arbitraries.integers().between(-2, 70).map(extra -> frame(type, body, extra))));
        return message.list().ofMaxSize(4).map(FuzzProperties::concat);
    }

    @Provide
    Arbitrary<byte[]> startups() {
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
        Arbitrary<Integer> code = Arbitraries.of(196608, 131072, 196610, StartupHandshake.SSL_REQUEST_CODE,
                StartupHandshake.CANCEL_REQUEST_CODE, StartupHandshake.GSSENC_REQUEST_CODE, 0);
        return code.flatMap(c -> body.flatMap(b -> Arbitraries.integers().between(-4, 90).map(lengthDelta -> {
            byte[] out = new byte[8 + b.length];
            int length = 8 + b.length + (lengthDelta > 80 ? 0 : lengthDelta % 3);
            putInt(out, 0, length);
            putInt(out, 4, c);
            System.arraycopy(b, 0, out, 8, b.length);
            return out;
        })));
    }

    /** @param extra how the declared length differs from the body: 0 exact, otherwise a lie */
    private static byte[] frame(char type, byte[] body, int extra) {
        int declared = extra > 60 ? body.length + 4 : body.length + 4 + extra;
        byte[] out = new byte[5 + body.length];
        out[0] = (byte) type;
        putInt(out, 1, declared);
        System.arraycopy(body, 0, out, 5, body.length);
        return out;
    }

    private static byte[] concat(java.util.List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
