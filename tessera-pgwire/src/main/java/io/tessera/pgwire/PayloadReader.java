package io.tessera.pgwire;

import io.tessera.common.error.SqlException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one message body. Every read is bounds-checked: a count or length that runs
 * past the body is a malformed message (FATAL 08P01), as in PostgreSQL's pq_getmsg* functions.
 */
final class PayloadReader {
    private final byte[] body;
    private int pos;

    PayloadReader(byte[] body) {
        this.body = body;
    }

    int remaining() { return body.length - pos; }

    byte readByte() {
        need(1);
        return body[pos++];
    }

    short readInt16() {
        need(2);
        short v = (short) (((body[pos] & 0xFF) << 8) | (body[pos + 1] & 0xFF));
        pos += 2;
        return v;
    }

    int readInt32() {
        need(4);
        int v = ((body[pos] & 0xFF) << 24) | ((body[pos + 1] & 0xFF) << 16)
                | ((body[pos + 2] & 0xFF) << 8) | (body[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** A count field (int16, unsigned as PostgreSQL reads it) that must fit in what is left at {@code minBytesEach}. */
    int readCount(int minBytesEach) {
        int n = readInt16() & 0xFFFF;
        if ((long) n * minBytesEach > remaining()) {
            throw ProtocolErrors.malformed();
        }
        return n;
    }

    byte[] readBytes(int n) {
        if (n < 0) {
            throw ProtocolErrors.malformed();
        }
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(body, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A NUL-terminated UTF-8 string. */
    String readCString() {
        int end = pos;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        if (end == body.length) {
            throw ProtocolErrors.malformed();
        }
        String s = utf8(body, pos, end - pos);
        pos = end + 1;
        return s;
    }

    /** The message must be consumed exactly; trailing bytes mean the client and server disagree on its layout. */
    void expectEnd() {
        if (pos != body.length) {
            throw ProtocolErrors.malformed();
        }
    }

    private void need(int n) {
        if (n > body.length - pos) {
            throw ProtocolErrors.malformed();
        }
    }

    /** Strict UTF-8: client_encoding is always UTF8, and invalid bytes must not turn into U+FFFD silently. */
    static String utf8(byte[] bytes, int offset, int length) {
        if (isAscii(bytes, offset, length)) {
            // Most statement texts and values are ASCII: skip the decoder, which is the costly path.
            return new String(bytes, offset, length, StandardCharsets.US_ASCII);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new SqlException(ProtocolErrors.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\"");
        }
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    static String utf8(byte[] bytes) {
        return utf8(bytes, 0, bytes.length);
    }
}
