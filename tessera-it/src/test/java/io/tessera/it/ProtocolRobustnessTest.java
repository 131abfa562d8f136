package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broken clients: each gets FATAL 08P01 on its own connection, and every other session goes on.
 * The raw socket plays a client that speaks the start-up correctly and then misbehaves.
 */
class ProtocolRobustnessTest {
    static NodeProcess node;

    @BeforeAll
    static void setUp() throws Exception {
        node = SharedNode.get();
    }

    @Test
    void unknownMessageTypeClosesOnlyThatConnection() throws Exception {
        try (Connection healthy = node.connect(); Socket s = startedSession()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeByte('!');
            out.writeInt(4);
            out.flush();
            assertThat(readErrorSqlState(s)).isEqualTo("08P01");
            assertServes(healthy);
        }
    }

    @Test
    void oversizedMessageIsRefusedWithoutAllocating() throws Exception {
        try (Connection healthy = node.connect(); Socket s = startedSession()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeByte('Q');
            out.writeInt(Integer.MAX_VALUE); // 2 GiB announced, never sent
            out.flush();
            assertThat(readErrorSqlState(s)).isIn("08P01", "54000");
            assertServes(healthy);
        }
    }

    @Test
    void truncatedMessageThenHangUp() throws Exception {
        try (Connection healthy = node.connect()) {
            try (Socket s = startedSession()) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeByte('Q');
                out.writeInt(100);
                out.write("SELECT".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            assertServes(healthy);
        }
    }

    @Test
    void malformedParseMessage() throws Exception {
        try (Connection healthy = node.connect(); Socket s = startedSession()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeByte('P');
            out.writeInt(4 + 3);
            out.write(new byte[] {'a', 'b', 'c'}); // no terminators, no parameter count
            out.flush();
            assertThat(readErrorSqlState(s)).isEqualTo("08P01");
            assertServes(healthy);
        }
    }

    @Test
    void backendPidIsTheOneFromBackendKeyData() throws Exception {
        try (Connection c = node.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(c.unwrap(org.postgresql.PGConnection.class).getBackendPID());
        }
    }

    private static void assertServes(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 41 + 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    /** Opens a socket, sends a valid StartupMessage and reads up to ReadyForQuery. */
    private static Socket startedSession() throws IOException {
        Socket s = new Socket("127.0.0.1", node.sqlPort());
        s.setSoTimeout(10_000);
        byte[] params = "user\0tessera\0database\0tessera\0\0".getBytes(StandardCharsets.US_ASCII);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(8 + params.length);
        out.writeInt(196608);
        out.write(params);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        while (true) {
            int type = in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            if (type == 'Z') {
                return s;
            }
        }
    }

    /** Reads messages until an ErrorResponse and returns its SQLSTATE (field 'C'). */
    private static String readErrorSqlState(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        try {
            while (true) {
                int type = in.readUnsignedByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                if (type == 'E') {
                    return errorField(body, 'C');
                }
            }
        } catch (EOFException e) {
            return "closed without an error";
        }
    }

    private static String errorField(byte[] body, char code) {
        int i = 0;
        while (i < body.length && body[i] != 0) {
            char field = (char) body[i++];
            int start = i;
            while (body[i] != 0) {
                i++;
            }
            String value = new String(body, start, i - start, StandardCharsets.UTF_8);
            i++;
            if (field == code) {
                return value;
            }
        }
        return null;
    }
}
