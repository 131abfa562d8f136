package io.tessera.pgwire;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Frames frontend messages. Lengths are checked before the body is allocated, so a client that
 * declares a 2 GiB message costs nothing but its FATAL. A stream that ends between messages is a
 * client that left ({@code null}); one that ends inside a message is {@link EOFException}.
 */
final class WireInput {
    /** The type bytes a connection accepts after start-up. */
    static final String QUERY_PHASE_TYPES = "QPBDEHSCXdcfF";
    /** During authentication only PasswordMessage / SASL responses are valid. */
    static final String AUTH_PHASE_TYPES = "p";

    /**
     * Bodies up to this size are allocated at once; larger ones grow as their bytes arrive, so a
     * client that declares a large message and sends it slowly (or never) does not pin memory
     * it has not sent.
     */
    static final int EAGER_ALLOCATION_BYTES = 64 * 1024;

    private final DataInputStream in;

    WireInput(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /**
     * Reads an untyped start-up packet (SSLRequest, GSSENCRequest, CancelRequest, StartupMessage)
     * and returns its body after the length word. Returns null if the client closed before sending a byte.
     */
    byte[] readStartupPacket(int maxBytes) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        // 8 bytes is the smallest packet (length + code); PostgreSQL refuses anything outside the range.
        if (length < 8 || length > maxBytes) {
            throw ProtocolErrors.fatal("invalid length of startup packet");
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return body;
    }

    /**
     * Reads one typed message. {@code allowedTypes} lists the type bytes valid now; any other is
     * FATAL before its length is even read, as PostgreSQL does.
     */
    RawMessage readMessage(String allowedTypes, int maxBodyBytes) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        if (allowedTypes.indexOf(type) < 0) {
            throw ProtocolErrors.fatal("invalid frontend message type " + type);
        }
        int length = in.readInt();
        if (length < 4) {
            throw ProtocolErrors.fatal("invalid message length");
        }
        int bodyLength = length - 4;
        if (bodyLength > maxBodyBytes) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "message of " + bodyLength
                    + " bytes exceeds the limit of " + maxBodyBytes + " bytes").asFatal();
        }
        return new RawMessage((char) type, readBody(bodyLength));
    }

    private byte[] readBody(int length) throws IOException {
        byte[] body = new byte[Math.min(length, EAGER_ALLOCATION_BYTES)];
        int filled = 0;
        while (filled < length) {
            if (filled == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
            }
            int n = in.read(body, filled, body.length - filled);
            if (n < 0) {
                throw new EOFException("message ended after " + filled + " of " + length + " bytes");
            }
            filled += n;
        }
        return body;
    }
}
