package io.tessera.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A hand-rolled protocol client for tests that need exact bytes, malformed messages and odd orders. */
final class RawClient implements AutoCloseable {
    /** A backend message as received. */
    record Msg(char type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The value of one field (S, V, C, M, D, H, P) of an ErrorResponse / NoticeResponse. */
        String field(char code) {
            int i = 0;
            while (i < body.length && body[i] != 0) {
                int end = i + 1;
                while (body[end] != 0) {
                    end++;
                }
                if (body[i] == code) {
                    return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
                }
                i = end + 1;
            }
            return null;
        }
    }

    final Socket socket;
    final DataInputStream in;
    final DataOutputStream out;
    int processId;
    int secretKey;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        // Buffered so that each message leaves in one write, as real clients send it.
        out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    }

    static RawClient connected(int port) throws IOException {
        RawClient c = new RawClient(port);
        c.startup("tessera", "tessera");
        List<Msg> msgs = c.readUntil('Z');
        for (Msg m : msgs) {
            if (m.type() == 'K') {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(m.body());
                c.processId = b.getInt();
                c.secretKey = b.getInt();
            }
            if (m.type() == 'E') {
                throw new IllegalStateException("start-up failed: " + m.field('M'));
            }
        }
        return c;
    }

    void startup(String user, String database) throws IOException {
        startupWithVersion(196608, "user", user, "database", database);
    }

    void startupWithVersion(int version, String... pairs) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        d.writeInt(version);
        for (String s : pairs) {
            cstring(d, s);
        }
        d.writeByte(0);
        out.writeInt(body.size() + 4);
        out.write(body.toByteArray());
        out.flush();
    }

    void send(char type, byte[] body) throws IOException {
        out.writeByte(type);
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
    }

    void query(String sql) throws IOException {
        send('Q', cstr(sql));
    }

    void parse(String name, String sql, int... oids) throws IOException {
        Body b = new Body().cstring(name).cstring(sql).int16(oids.length);
        for (int o : oids) {
            b.int32(o);
        }
        send('P', b.bytes());
    }

    /** Bind with one format code per parameter / result column as given; null values are SQL NULL. */
    void bind(String portal, String statement, short[] paramFormats, byte[][] params, short[] resultFormats) throws IOException {
        Body b = new Body().cstring(portal).cstring(statement).int16(paramFormats.length);
        for (short f : paramFormats) {
            b.int16(f);
        }
        b.int16(params.length);
        for (byte[] p : params) {
            if (p == null) {
                b.int32(-1);
            } else {
                b.int32(p.length).raw(p);
            }
        }
        b.int16(resultFormats.length);
        for (short f : resultFormats) {
            b.int16(f);
        }
        send('B', b.bytes());
    }

    void describe(char kind, String name) throws IOException {
        send('D', new Body().int8(kind).cstring(name).bytes());
    }

    void execute(String portal, int maxRows) throws IOException {
        send('E', new Body().cstring(portal).int32(maxRows).bytes());
    }

    void close(char kind, String name) throws IOException {
        send('C', new Body().int8(kind).cstring(name).bytes());
    }

    void sync() throws IOException {
        send('S', new byte[0]);
    }

    void flush() throws IOException {
        send('H', new byte[0]);
    }

    void terminate() throws IOException {
        send('X', new byte[0]);
    }

    Msg read() throws IOException {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Msg(type, body);
    }

    /** Reads messages up to and including the first of type {@code last}. */
    List<Msg> readUntil(char last) throws IOException {
        List<Msg> msgs = new ArrayList<>();
        while (true) {
            Msg m = read();
            msgs.add(m);
            if (m.type() == last) {
                return msgs;
            }
        }
    }

    /** True when the server closed the connection (reads hit end of stream). */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException e) {
            return true;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    static String types(List<Msg> msgs) {
        StringBuilder sb = new StringBuilder();
        for (Msg m : msgs) {
            sb.append(m.type());
        }
        return sb.toString();
    }

    static byte[] cstr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    private static void cstring(DataOutputStream d, String s) throws IOException {
        d.write(s.getBytes(StandardCharsets.UTF_8));
        d.writeByte(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A message body builder. */
    static final class Body {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final DataOutputStream d = new DataOutputStream(buf);

        Body int8(int v) throws IOException { d.writeByte(v); return this; }
        Body int16(int v) throws IOException { d.writeShort(v); return this; }
        Body int32(int v) throws IOException { d.writeInt(v); return this; }
        Body raw(byte[] b) throws IOException { d.write(b); return this; }
        Body cstring(String s) throws IOException { cstringTo(d, s); return this; }
        byte[] bytes() { return buf.toByteArray(); }

        private static void cstringTo(DataOutputStream d, String s) throws IOException {
            d.write(s.getBytes(StandardCharsets.UTF_8));
            d.writeByte(0);
        }
    }
}
