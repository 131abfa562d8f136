package io.tessera.storage.impl;

import java.util.Arrays;

/** The RocksDB key of a version: {@code E(userKey) ++ ~ts}; see the package documentation. */
final class MvccKey {
    private MvccKey() {}

    static final int TS_BYTES = 8;
    /** Bytes that end an escaped user key: 0x00 0x01. */
    private static final int TERMINATOR_BYTES = 2;
    /** The end of the key space: larger than the encoding of every allowed user key. */
    static final byte[] KEY_SPACE_END = {(byte) 0xFF};

    static void checkUserKey(byte[] userKey) {
        if (userKey.length > 0 && userKey[0] == (byte) 0xFF) {
            throw new IllegalArgumentException("user keys starting with 0xFF are reserved");
        }
    }

    /** {@code E(userKey)}: the prefix shared by every version of the key, and the RocksDB bound for it. */
    static byte[] prefix(byte[] userKey) {
        int zeros = 0;
        for (byte b : userKey) {
            if (b == 0) {
                zeros++;
            }
        }
        byte[] out = new byte[userKey.length + zeros + TERMINATOR_BYTES];
        int pos = 0;
        for (byte b : userKey) {
            out[pos++] = b;
            if (b == 0) {
                out[pos++] = (byte) 0xFF;
            }
        }
        out[pos++] = 0;
        out[pos] = 1;
        return out;
    }

    /** The RocksDB bound of a user bound; null (end of the key space) becomes {@link #KEY_SPACE_END}. */
    static byte[] bound(byte[] userBound) {
        return userBound == null ? KEY_SPACE_END.clone() : prefix(userBound);
    }

    /** The smallest RocksDB key after every version of the key whose prefix is given. */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        end[end.length - 1] = 2; // the terminator 0x00 0x01 becomes 0x00 0x02
        return end;
    }

    /** Checks that a raw key has the shape of an encoded version: {@code E(userKey) ++ ~ts}. */
    static void checkEncoded(byte[] raw) {
        int len = raw.length - TS_BYTES;
        if (len < TERMINATOR_BYTES || raw[0] == (byte) 0xFF || raw[len - 2] != 0 || raw[len - 1] != 1) {
            throw new IllegalArgumentException("not an encoded version key (" + raw.length + " bytes)");
        }
    }

    static byte[] encode(byte[] userKey, long ts) {
        if (ts < 0) {
            throw new IllegalArgumentException("timestamps are non-negative: " + ts);
        }
        return withTimestamp(prefix(userKey), ts);
    }

    /** {@code prefix ++ ~ts}: the version key of the user key whose {@code E(userKey)} is given. */
    static byte[] withTimestamp(byte[] prefix, long ts) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + TS_BYTES);
        writeLong(out, prefix.length, ~ts);
        return out;
    }

    /** Length of {@code E(userKey)} inside an encoded version key. */
    static int prefixLength(byte[] encoded) {
        int len = encoded.length - TS_BYTES;
        if (len < TERMINATOR_BYTES || encoded[len - 2] != 0 || encoded[len - 1] != 1) {
            throw new IllegalStateException("malformed MVCC key of " + encoded.length + " bytes");
        }
        return len;
    }

    static long timestamp(byte[] encoded) {
        return ~readLong(encoded, encoded.length - TS_BYTES);
    }

    static byte[] userKey(byte[] encoded) {
        int end = prefixLength(encoded) - TERMINATOR_BYTES;
        byte[] out = new byte[end];
        int n = 0;
        for (int i = 0; i < end; i++) {
            out[n++] = encoded[i];
            if (encoded[i] == 0) {
                if (encoded[i + 1] != (byte) 0xFF) {
                    throw new IllegalStateException("bad escape in MVCC key at " + i);
                }
                i++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static void writeLong(byte[] out, int off, long v) {
        for (int i = 0; i < 8; i++) {
            out[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static long readLong(byte[] in, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[off + i] & 0xFF);
        }
        return v;
    }
}
