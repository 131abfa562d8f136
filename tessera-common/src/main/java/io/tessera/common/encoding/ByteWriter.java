package io.tessera.common.encoding;

import java.util.Arrays;

/** A growable byte buffer for building keys and rows without intermediate arrays. */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() { this(32); }

    public ByteWriter(int capacity) { buf = new byte[Math.max(capacity, 8)]; }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public ByteWriter put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public ByteWriter put(byte[] bytes) { return put(bytes, 0, bytes.length); }

    public ByteWriter put(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, size, len);
        size += len;
        return this;
    }

    public ByteWriter putLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (i * 8));
        }
        return this;
    }

    public ByteWriter putInt(int v) {
        ensure(4);
        for (int i = 3; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (i * 8));
        }
        return this;
    }

    /** Unsigned LEB128: small numbers (column ids, lengths) take one byte. */
    public ByteWriter putVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            put((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        return put((int) v);
    }

    public int size() { return size; }

    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }
}
