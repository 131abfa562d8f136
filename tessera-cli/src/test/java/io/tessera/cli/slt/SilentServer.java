package io.tessera.cli.slt;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL-protocol server that accepts logins and answers pgjdbc's set-up commands, but never
 * answers SQL that mentions {@code pg_sleep}, and ignores cancel requests: the worst case a query
 * timeout must still bound.
 */
final class SilentServer implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    private final ServerSocket server;

    SilentServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/db";
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                in.skipNBytes(length - 8);
                if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                    out.writeByte('N');
                    out.flush();
                } else if (code == CANCEL_REQUEST) {
                    cancels.incrementAndGet();
                    return;
                } else {
                    break;
                }
            }
            logins.incrementAndGet();
            greet(out);
            answerUntilSleep(in, out);
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The client hung up, which is what the test expects it to do.
        }
    }

    private static void greet(DataOutputStream out) throws IOException {
        out.writeByte('R');
        out.writeInt(8);
        out.writeInt(0);
        parameter(out, "server_version", "15.0");
        parameter(out, "client_encoding", "UTF8");
        parameter(out, "DateStyle", "ISO, MDY");
        parameter(out, "integer_datetimes", "on");
        parameter(out, "standard_conforming_strings", "on");
        out.writeByte('K');
        out.writeInt(12);
        out.writeInt(1);
        out.writeInt(2);
        out.writeByte('Z');
        out.writeInt(5);
        out.writeByte('I');
        out.flush();
    }

    /**
     * Answers simple and extended queries with empty command completions until a batch mentions
     * {@code pg_sleep}; from then on it stays silent.
     */
    private static void answerUntilSleep(DataInputStream in, DataOutputStream out) throws IOException {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        DataOutputStream reply = new DataOutputStream(pending);
        boolean sleeping = false;
        while (!sleeping) {
            int type = in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            sleeping = new String(body, StandardCharsets.UTF_8).contains("pg_sleep");
            switch (type) {
                case 'Q' -> {
                    complete(reply);
                    ready(reply);
                }
                case 'P' -> message(reply, '1', new byte[0]);
                case 'B' -> message(reply, '2', new byte[0]);
                case 'D' -> message(reply, 'n', new byte[0]);
                case 'E' -> complete(reply);
                case 'S' -> ready(reply);
                case 'X' -> {
                    return;
                }
                default -> {
                }
            }
            if ((type == 'Q' || type == 'S') && !sleeping) {
                out.write(pending.toByteArray());
                out.flush();
                pending.reset();
            }
        }
    }

    private static void complete(DataOutputStream out) throws IOException {
        message(out, 'C', "SET\0".getBytes(StandardCharsets.UTF_8));
    }

    private static void ready(DataOutputStream out) throws IOException {
        message(out, 'Z', new byte[] {'I'});
    }

    private static void message(DataOutputStream out, char type, byte[] body) throws IOException {
        out.writeByte(type);
        out.writeInt(4 + body.length);
        out.write(body);
    }

    private static void parameter(DataOutputStream out, String name, String value) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        out.writeByte('S');
        out.writeInt(4 + n.length + 1 + v.length + 1);
        out.write(n);
        out.writeByte(0);
        out.write(v);
        out.writeByte(0);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
