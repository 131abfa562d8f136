package io.tessera.pgwire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes backend messages into one buffer per connection. The buffer goes to the socket on
 * {@link #flush()} (Sync, end of a simple query, Flush) or when it passes the configured size, so
 * a result of a few rows is one write. Used by the connection's own thread only.
 */
final class WireOutput {
    /** Capacity kept after a large result was written, so one big row does not pin memory forever. */
    private static final int RETAINED_CAPACITY_FACTOR = 4;

    private final OutputStream out;
    private final int flushThresholdBytes;
    private byte[] buf;
    private int len;
    private int messageStart = -1;

    WireOutput(OutputStream out, int flushThresholdBytes) {
        this.out = out;
        this.flushThresholdBytes = flushThresholdBytes;
        this.buf = new byte[Math.min(flushThresholdBytes, 8192)];
    }

    // ------------------------------------------------------------ framing

    private void begin(char type) {
        abandonPartialMessage();
        ensure(5);
        buf[len++] = (byte) type;
        messageStart = len;
        len += 4;
    }

    private void end() throws IOException {
        int length = len - messageStart;
        putInt32At(messageStart, length);
        messageStart = -1;
        if (len >= flushThresholdBytes) {
            writeBuffer();
        }
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private void int8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
    }

    private void int16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void int32(int v) {
        ensure(4);
        putInt32At(len, v);
        len += 4;
    }

    private void putInt32At(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            if (x == 0) {
                throw new IllegalArgumentException("string field contains NUL: " + s);
            }
        }
        bytes(b);
        int8(0);
    }

    void flush() throws IOException {
        abandonPartialMessage();
        writeBuffer();
        out.flush();
    }

    /**
     * A message whose writing threw (say a column name with a NUL byte) never reaches the
     * client: the exception is reported as an ErrorResponse instead, and the bytes written so far
     * for that message are dropped so the stream stays well-framed.
     */
    private void abandonPartialMessage() {
        if (messageStart >= 0) {
            len = messageStart - 1;
            messageStart = -1;
        }
    }

    private void writeBuffer() throws IOException {
        if (len > 0) {
            out.write(buf, 0, len);
            len = 0;
        }
        if (buf.length > flushThresholdBytes * RETAINED_CAPACITY_FACTOR) {
            buf = new byte[flushThresholdBytes];
        }
    }

    // ------------------------------------------------------------ start-up

    /** The one unframed byte that answers SSLRequest / GSSENCRequest. */
    void singleByte(char answer) throws IOException {
        int8(answer);
        flush();
    }

    void authentication(int code, byte[] data) throws IOException {
        begin('R');
        int32(code);
        bytes(data);
        end();
    }

    void authenticationOk() throws IOException {
        authentication(0, new byte[0]);
    }

    void parameterStatus(String name, String value) throws IOException {
        begin('S');
        cstring(name);
        cstring(value);
        end();
    }

    void parameterStatuses(Map<String, String> values) throws IOException {
        for (Map.Entry<String, String> e : values.entrySet()) {
            parameterStatus(e.getKey(), e.getValue());
        }
    }

    void backendKeyData(int processId, int secretKey) throws IOException {
        begin('K');
        int32(processId);
        int32(secretKey);
        end();
    }

    void negotiateProtocolVersion(int newestMinor, List<String> unrecognizedOptions) throws IOException {
        begin('v');
        int32(newestMinor);
        int32(unrecognizedOptions.size());
        for (String option : unrecognizedOptions) {
            cstring(option);
        }
        end();
    }

    void readyForQuery(char status) throws IOException {
        begin('Z');
        int8(status);
        end();
    }

    // ------------------------------------------------------------ results

    void rowDescription(List<FieldDescription> fields) throws IOException {
        begin('T');
        int16(fields.size());
        for (FieldDescription f : fields) {
            cstring(f.name());
            int32(f.tableOid());
            int16(f.columnNumber());
            int32(f.typeOid());
            int16(f.typeLength());
            int32(f.typeModifier());
            int16(f.format());
        }
        end();
    }

    /** @param values encoded column values, null for SQL NULL */
    void dataRow(byte[][] values) throws IOException {
        begin('D');
        int16(values.length);
        for (byte[] v : values) {
            if (v == null) {
                int32(-1);
            } else {
                int32(v.length);
                bytes(v);
            }
        }
        end();
    }

    void commandComplete(String tag) throws IOException {
        begin('C');
        cstring(tag);
        end();
    }

    void parameterDescription(List<Integer> typeOids) throws IOException {
        begin('t');
        int16(typeOids.size());
        for (int oid : typeOids) {
            int32(oid);
        }
        end();
    }

    /** CopyInResponse ('G') or CopyOutResponse ('H'): text format overall and for each column. */
    void copyResponse(char type, int columns) throws IOException {
        begin(type);
        int8(0);
        int16(columns);
        for (int i = 0; i < columns; i++) {
            int16(0);
        }
        end();
    }

    void copyData(byte[] data) throws IOException {
        begin('d');
        bytes(data);
        end();
    }

    void copyDone() throws IOException { empty('c'); }

    void emptyQueryResponse() throws IOException { empty('I'); }
    void parseComplete() throws IOException { empty('1'); }
    void bindComplete() throws IOException { empty('2'); }
    void closeComplete() throws IOException { empty('3'); }
    void noData() throws IOException { empty('n'); }
    void portalSuspended() throws IOException { empty('s'); }

    private void empty(char type) throws IOException {
        begin(type);
        end();
    }

    // ------------------------------------------------------------ errors

    void errorResponse(ErrorNotice e) throws IOException {
        fields('E', e);
    }

    void noticeResponse(ErrorNotice e) throws IOException {
        fields('N', e);
    }

    private void fields(char type, ErrorNotice e) throws IOException {
        begin(type);
        field('S', e.severity());
        field('V', e.severity());
        field('C', e.sqlState());
        field('M', e.message());
        field('D', e.detail());
        field('H', e.hint());
        if (e.position() > 0) {
            field('P', Integer.toString(e.position()));
        }
        field('W', e.context());
        int8(0);
        end();
    }

    private void field(char code, String value) {
        if (value != null) {
            int8(code);
            cstring(value.replace('\0', ' '));
        }
    }
}
