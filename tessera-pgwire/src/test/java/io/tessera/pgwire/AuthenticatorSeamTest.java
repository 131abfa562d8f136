package io.tessera.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.pgwire.api.AuthExchange;
import io.tessera.pgwire.api.AuthRequest;
import io.tessera.pgwire.api.Authenticator;
import io.tessera.pgwire.api.CountingPgWireCounters;
import io.tessera.pgwire.api.PgServer;
import io.tessera.pgwire.api.PgServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Authenticator seam with a request/response exchange (cleartext password, the simplest
 * one pgjdbc speaks): what SCRAM-SHA-256 will plug into with its three rounds.
 */
class AuthenticatorSeamTest {
    /** TEST ONLY: one user with a fixed password. */
    static final class FixedPasswordAuthenticator implements Authenticator {
        @Override
        public String authenticate(AuthRequest request, AuthExchange exchange) throws IOException {
            exchange.sendRequest(AuthExchange.CLEARTEXT_PASSWORD, new byte[0]);
            byte[] response = exchange.readResponse();
            String password = new String(response, 0, response.length - 1, StandardCharsets.UTF_8);
            if (!request.user().equals("tessera") || !password.equals("s3cret")) {
                throw new SqlException(SqlState.INVALID_PASSWORD,
                        "password authentication failed for user \"" + request.user() + "\"");
            }
            return request.user();
        }
    }

    private final PgServer server;

    AuthenticatorSeamTest() throws IOException {
        server = new PgServer(PgServerConfig.defaults().withPort(0), new ScriptedSqlEngine(),
                new FixedPasswordAuthenticator(), new SplittableRandom(1), new CountingPgWireCounters());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Connection connect(String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/tessera", "tessera", password);
    }

    @Test
    void rightPasswordOpensASession() throws SQLException {
        try (Connection c = connect("s3cret")) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void wrongPasswordIsFatal28P01() {
        assertThatThrownBy(() -> connect("guess").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void anyOtherMessageDuringAuthenticationIsAProtocolViolation() throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.startup("tessera", "tessera");
            RawClient.Msg request = c.read();
            assertThat(request.type()).isEqualTo('R');
            assertThat(request.body()).containsExactly(0, 0, 0, 3);
            c.query("select 1");
            RawClient.Msg e = c.read();
            assertThat(e.field('S')).isEqualTo("FATAL");
            assertThat(e.field('C')).isEqualTo("08P01");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(server.sessionCount()).isZero();
    }
}
