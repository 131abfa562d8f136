package io.tessera.common.encoding;

/** Reads what {@link ByteWriter} wrote; every read checks bounds so corrupt input fails loudly. */
public final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    public ByteReader(byte[] buf) { this(buf, 0, buf.length); }

    public ByteReader(byte[] buf, int off, int end) {
        this.buf = buf;
        this.pos = off;
        this.end = end;
    }

    private void need(int n) {
        if (pos + n > end) {
            throw new IllegalStateException("truncated encoding: need " + n + " bytes at " + pos + " of " + end);
        }
    }

    public int get() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int peek() {
        need(1);
        return buf[pos] & 0xFF;
    }

    public byte[] get(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public long getLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public int getInt() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public long getVarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = get();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("varint longer than 64 bits at " + pos);
    }

    public boolean hasRemaining() { return pos < end; }

    public int position() { return pos; }
}
