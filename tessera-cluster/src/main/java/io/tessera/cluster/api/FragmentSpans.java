package io.tessera.cluster.api;

import io.tessera.common.encoding.ByteWriter;
import io.tessera.common.encoding.KeySpace;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The fragmentation rule every table uses for now: hash buckets of the primary key. A table key's
 * bucket hash is CRC32C of its encoded primary key (the bytes after {@link KeySpace#TABLE_KEY_HEADER}),
 * an unsigned 32-bit number; fragment i of n owns the hashes {@code [i * 2^32 / n, (i+1) * 2^32 / n)}.
 * A {@link FragmentDescriptor}'s startKey/endKey hold these hash bounds as 4 big-endian bytes (endKey
 * null for the last fragment): they are bounds in hash space, not table keys, so a range of table
 * keys generally overlaps every fragment. The catalog creates spans with {@link #hashSpans} and the
 * KV layer routes with {@link #bucketHash}; both must use this class.
 *
 * <p>Why CRC32C: stable across JVMs and versions (it is persisted routing), intrinsic on x86 and
 * ARM, and spreads KeyCodec encodings (which differ in their last bytes) well. Rejected
 * alternative: range fragments on the first key byte, which puts every small positive integer key
 * in one fragment.
 */
public final class FragmentSpans {
    private FragmentSpans() {}

    /** Upper bound on fragments per table: each is a Raft group with its own threads and log. */
    public static final int FRAGMENTS_MAX = 256;
    private static final long HASH_SPACE = 1L << 32;

    /** The bucket hash of a table key, as an unsigned value in {@code [0, 2^32)}. */
    public static long bucketHash(byte[] tableKey) {
        if (tableKey.length < KeySpace.TABLE_KEY_HEADER) {
            throw new IllegalArgumentException("not a table key: " + tableKey.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(tableKey, KeySpace.TABLE_KEY_HEADER, tableKey.length - KeySpace.TABLE_KEY_HEADER);
        return crc.getValue();
    }

    /**
     * The bucket hash of an index entry: CRC32C of its indexed values only ({@code key[9, valuesEnd)}),
     * not of the primary key that may follow them, so that every entry of one value, and so an
     * equality lookup, lies in one fragment of the index.
     */
    public static long bucketHash(byte[] indexKey, int valuesEnd) {
        if (indexKey.length < KeySpace.INDEX_KEY_HEADER || valuesEnd < KeySpace.INDEX_KEY_HEADER
                || valuesEnd > indexKey.length) {
            throw new IllegalArgumentException("not an index key with values up to " + valuesEnd + ": "
                    + indexKey.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(indexKey, KeySpace.INDEX_KEY_HEADER, valuesEnd - KeySpace.INDEX_KEY_HEADER);
        return crc.getValue();
    }

    /** The {startKey, endKey} hash bounds of {@code count} equal buckets, in order. */
    public static List<byte[][]> hashSpans(int count) {
        if (count < 1 || count > FRAGMENTS_MAX) {
            throw new IllegalArgumentException("fragment count must be in [1, " + FRAGMENTS_MAX + "]: " + count);
        }
        List<byte[][]> spans = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long start = i * HASH_SPACE / count;
            byte[] end = i == count - 1 ? null : bound((i + 1) * HASH_SPACE / count);
            spans.add(new byte[][] {bound(start), end});
        }
        return spans;
    }

    /** Whether the fragment's hash span holds {@code hash}. */
    public static boolean contains(FragmentDescriptor fragment, long hash) {
        return hash >= value(fragment.startKey()) && (fragment.endKey() == null || hash < value(fragment.endKey()));
    }

    static byte[] bound(long hash) {
        return new ByteWriter(4).putInt((int) hash).toByteArray();
    }

    static long value(byte[] bound) {
        if (bound.length != 4) {
            throw new IllegalStateException("hash bound of " + bound.length + " bytes");
        }
        return ((bound[0] & 0xFFL) << 24) | ((bound[1] & 0xFFL) << 16) | ((bound[2] & 0xFFL) << 8) | (bound[3] & 0xFFL);
    }
}
