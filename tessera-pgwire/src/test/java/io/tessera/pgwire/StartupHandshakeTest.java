package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StartupHandshakeTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    private StartupHandshake.Outcome negotiate(byte[]... packets) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : packets) {
            all.write(p);
        }
        return StartupHandshake.negotiate(new WireInput(new ByteArrayInputStream(all.toByteArray())),
                new WireOutput(sink, 1024), 10_000);
    }

    private static byte[] packet(int code, String... pairs) throws IOException {
        RawClient.Body body = new RawClient.Body().int32(code);
        for (String s : pairs) {
            body.cstring(s);
        }
        if (pairs.length > 0 || code >>> 16 < 1234) {
            body.int8(0);
        }
        byte[] b = body.bytes();
        return new RawClient.Body().int32(b.length + 4).raw(b).bytes();
    }

    private static byte[] request(int code) throws IOException {
        return new RawClient.Body().int32(8).int32(code).bytes();
    }

    @Test
    void sslAndGssRequestsAreAnsweredNThenStartupFollows() throws IOException {
        var outcome = negotiate(request(StartupHandshake.GSSENC_REQUEST_CODE), request(StartupHandshake.SSL_REQUEST_CODE),
                packet(196608, "user", "postgres", "database", "capdb", "application_name", "psql"));
        assertThat(sink.toString()).isEqualTo("NN");
        StartupHandshake.Startup s = (StartupHandshake.Startup) outcome;
        assertThat(s.user()).isEqualTo("postgres");
        assertThat(s.database()).isEqualTo("capdb");
        assertThat(s.parameters()).containsEntry("application_name", "psql");
        assertThat(s.needsNegotiation()).isFalse();
    }

    @Test
    void databaseDefaultsToUser() throws IOException {
        var s = (StartupHandshake.Startup) negotiate(packet(196608, "user", "alice"));
        assertThat(s.database()).isEqualTo("alice");
    }

    @Test
    void cancelRequestCarriesProcessIdAndKey() throws IOException {
        byte[] cancel = new RawClient.Body().int32(16).int32(StartupHandshake.CANCEL_REQUEST_CODE).int32(42).int32(-7).bytes();
        assertThat(negotiate(cancel)).isEqualTo(new StartupHandshake.Cancel(42, -7));
        assertThat(sink.size()).isZero();
    }

    @Test
    void protocolTwoIsRefusedAsPostgresqlDoes() {
        assertThatThrownBy(() -> negotiate(packet(2 << 16, "user", "u")))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("0A000");
                    assertThat(e.fatal()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
                });
    }

    @Test
    void newerMinorVersionAndProtocolOptionsAreNegotiatedDown() throws IOException {
        var s = (StartupHandshake.Startup) negotiate(packet((3 << 16) | 2, "user", "u", "_pq_.compression", "on"));
        assertThat(s.needsNegotiation()).isTrue();
        assertThat(s.unrecognizedOptions()).containsExactly("_pq_.compression");
        assertThat(s.parameters()).doesNotContainKey("_pq_.compression");
    }

    @Test
    void missingUserIsFatal28000() {
        assertThatThrownBy(() -> negotiate(packet(196608, "database", "x")))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("28000"));
    }

    @Test
    void repeatedSslRequestAndBadLayoutsAreProtocolViolations() throws IOException {
        assertThatThrownBy(() -> negotiate(request(StartupHandshake.SSL_REQUEST_CODE), request(StartupHandshake.SSL_REQUEST_CODE)))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("08P01"));
        byte[] noTerminator = new RawClient.Body().int32(15).int32(196608).cstring("user").cstring("u").bytes();
        assertThatThrownBy(() -> negotiate(noTerminator))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("08P01"));
        byte[] longCancel = new RawClient.Body().int32(20).int32(StartupHandshake.CANCEL_REQUEST_CODE).int32(1).int32(2).int32(3).bytes();
        assertThatThrownBy(() -> negotiate(longCancel))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("08P01"));
    }
}
