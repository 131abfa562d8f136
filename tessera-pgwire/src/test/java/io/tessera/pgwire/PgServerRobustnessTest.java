package io.tessera.pgwire;

import static io.tessera.pgwire.RawClient.types;
import static io.tessera.pgwire.ServerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.pgwire.RawClient.Msg;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bad clients, limits, cancel and shutdown: each failure stays on its own connection. */
class PgServerRobustnessTest {

    private static void assertFatal(RawClient c, String sqlState) throws IOException {
        Msg e = c.read();
        assertThat(e.type()).isEqualTo('E');
        assertThat(e.field('S')).isEqualTo("FATAL");
        assertThat(e.field('C')).isEqualTo(sqlState);
        assertThat(c.closedByServer()).isTrue();
    }

    private static void assertServes(RawClient c) throws IOException {
        c.query("select 1");
        assertThat(types(c.readUntil('Z'))).isEqualTo("TDCZ");
    }

    @Test
    void malformedMessageIsFatalForThatConnectionOnly() throws IOException {
        try (ServerFixture fx = new ServerFixture();
                RawClient other = RawClient.connected(fx.port());
                RawClient c = RawClient.connected(fx.port())) {
            c.send('Q', "select 1".getBytes()); // no NUL terminator
            assertFatal(c, "08P01");
            assertServes(other);
            await("session of the bad connection closed", () -> fx.engine.sessions.get(1).closed);
        }
    }

    @Test
    void unknownMessageTypeIsFatal() throws IOException {
        try (ServerFixture fx = new ServerFixture(); RawClient c = RawClient.connected(fx.port())) {
            c.send('x', new byte[0]);
            assertFatal(c, "08P01");
        }
    }

    @Test
    void lengthBelowFourIsFatal() throws IOException {
        try (ServerFixture fx = new ServerFixture(); RawClient c = RawClient.connected(fx.port())) {
            c.out.writeByte('Q');
            c.out.writeInt(3);
            c.out.flush();
            assertFatal(c, "08P01");
        }
    }

    @Test
    void oversizeLengthIsRefusedBeforeTheBodyArrives() throws IOException {
        try (ServerFixture fx = new ServerFixture(cfg -> cfg.withMaxMessageBytes(1 << 20));
                RawClient other = RawClient.connected(fx.port());
                RawClient c = RawClient.connected(fx.port())) {
            c.out.writeByte('Q');
            c.out.writeInt(Integer.MAX_VALUE); // the body never follows: the server must not wait for it
            c.out.flush();
            Msg e = c.read();
            assertThat(e.field('C')).isEqualTo("54000");
            assertThat(e.field('S')).isEqualTo("FATAL");
            assertThat(c.closedByServer()).isTrue();
            assertServes(other);
        }
    }

    @Test
    void truncatedMessageIsFatal() throws IOException {
        try (ServerFixture fx = new ServerFixture(); RawClient c = RawClient.connected(fx.port())) {
            c.out.writeByte('Q');
            c.out.writeInt(100);
            c.out.write("select".getBytes());
            c.out.flush();
            c.socket.shutdownOutput();
            Msg e = c.read();
            assertThat(e.field('C')).isEqualTo("08P01");
            assertThat(e.field('M')).isEqualTo("unexpected EOF within message");
            await("session closed", () -> fx.lastSession().closed);
        }
    }

    @Test
    void disconnectMidTransactionClosesTheSession() throws IOException {
        try (ServerFixture fx = new ServerFixture()) {
            RawClient c = RawClient.connected(fx.port());
            c.query("BEGIN");
            assertThat(c.readUntil('Z').getLast().text()).isEqualTo("T");
            c.close();
            await("session closed", () -> fx.lastSession().closed);
            assertThat(fx.lastSession().closedInTransaction).isTrue();
            await("session released", () -> fx.server.sessionCount() == 0);
            assertThat(fx.counters.connectionsActive()).isZero();
        }
    }

    @Test
    void terminateClosesTheSession() throws IOException {
        try (ServerFixture fx = new ServerFixture(); RawClient c = RawClient.connected(fx.port())) {
            c.terminate();
            assertThat(c.closedByServer()).isTrue();
            await("session closed", () -> fx.lastSession().closed);
        }
    }

    @Test
    void cancelRequestCancelsTheRunningStatementAndGetsNoReply() throws Exception {
        try (ServerFixture fx = new ServerFixture(); RawClient c = RawClient.connected(fx.port())) {
            c.query("select pg_sleep(60)");
            assertThat(fx.engine.sleeping.await(10, TimeUnit.SECONDS)).isTrue();
            try (RawClient wrongKey = new RawClient(fx.port())) {
                sendCancel(wrongKey, c.processId, c.secretKey + 1);
                assertThat(wrongKey.in.read()).as("no reply, socket closed").isEqualTo(-1);
            }
            assertThat(fx.lastSession().cancelCount).isZero();
            try (RawClient canceller = new RawClient(fx.port())) {
                sendCancel(canceller, c.processId, c.secretKey);
                assertThat(canceller.in.read()).as("no reply, socket closed").isEqualTo(-1);
            }
            List<Msg> msgs = c.readUntil('Z');
            assertThat(types(msgs)).isEqualTo("EZ");
            assertThat(msgs.get(0).field('C')).isEqualTo("57014");
            assertServes(c);
            assertThat(fx.server.sessionCount()).isEqualTo(1);
        }
    }

    private static void sendCancel(RawClient c, int processId, int secretKey) throws IOException {
        c.out.writeInt(16);
        c.out.writeInt(StartupHandshake.CANCEL_REQUEST_CODE);
        c.out.writeInt(processId);
        c.out.writeInt(secretKey);
        c.out.flush();
    }

    @Test
    void tooManyConnectionsIsFatal53300() throws IOException {
        try (ServerFixture fx = new ServerFixture(cfg -> cfg.withMaxConnections(2));
                RawClient a = RawClient.connected(fx.port());
                RawClient b = RawClient.connected(fx.port())) {
            try (RawClient c = new RawClient(fx.port())) {
                c.startup("tessera", "tessera");
                Msg e = c.read();
                assertThat(e.field('C')).isEqualTo("53300");
                assertThat(e.field('M')).isEqualTo("sorry, too many clients already");
                assertThat(c.closedByServer()).isTrue();
            }
            a.terminate();
            await("a slot is free", () -> fx.server.sessionCount() == 1);
            try (RawClient d = RawClient.connected(fx.port())) {
                assertServes(d);
            }
            assertServes(b);
        }
    }

    @Test
    void gracefulShutdownSendsFatal57P01AndRollsBack() throws Exception {
        ServerFixture fx = new ServerFixture();
        int port = fx.port();
        try (RawClient idle = RawClient.connected(port); RawClient inTxn = RawClient.connected(port);
                RawClient busy = RawClient.connected(port)) {
            inTxn.query("BEGIN");
            inTxn.readUntil('Z');
            busy.query("select pg_sleep(60)");
            assertThat(fx.engine.sleeping.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(fx::close);
            for (RawClient c : List.of(idle, inTxn, busy)) {
                Msg e = c.read();
                assertThat(e.field('S')).isEqualTo("FATAL");
                assertThat(e.field('C')).isEqualTo("57P01");
                assertThat(e.field('M')).isEqualTo("terminating connection due to administrator command");
                assertThat(c.closedByServer()).isTrue();
            }
            closing.get(10, TimeUnit.SECONDS);
            assertThat(fx.engine.sessions).allSatisfy(s -> assertThat(s.closed).isTrue());
            assertThat(fx.engine.sessions.get(1).closedInTransaction).isTrue();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void silentClientIsDroppedAfterTheStartupTimeout() throws IOException {
        try (ServerFixture fx = new ServerFixture(cfg -> new io.tessera.pgwire.api.PgServerConfig(cfg.host(), cfg.port(),
                cfg.maxMessageBytes(), cfg.maxStartupPacketBytes(), cfg.maxConnections(), cfg.maxPendingStartups(),
                200, cfg.outputBufferBytes(), cfg.shutdownGraceMillis()));
                RawClient c = new RawClient(fx.port())) {
            Msg e = c.read();
            assertThat(e.field('C')).isEqualTo("08P01");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void countersFollowConnectionsMessagesAndErrors() throws IOException {
        try (ServerFixture fx = new ServerFixture()) {
            try (RawClient c = RawClient.connected(fx.port())) {
                c.query("select 1");
                c.readUntil('Z');
                c.query("selec");
                c.readUntil('Z');
                assertThat(fx.counters.connectionsActive()).isEqualTo(1);
                c.terminate();
            }
            await("connection closed", () -> fx.counters.connectionsActive() == 0);
            assertThat(fx.counters.connectionsOpened()).isEqualTo(1);
            assertThat(fx.counters.messages()).isEqualTo(3);
            assertThat(fx.counters.errors()).isEqualTo(1);
        }
    }
}
