package io.tessera.replication.api;

import io.tessera.common.encoding.ByteWriter;
import io.tessera.common.encoding.KeyCodec;
import java.util.Arrays;

/**
 * Where a fragment's keys live in the node's storage: {@code 'f' ++ fragmentId (8 bytes) ++ tableKey}.
 * Every fragment replica owns one contiguous storage span, whatever its table keys look like (a hash
 * bucket is not a contiguous span of table keys), so that dropping a replica is one range delete,
 * its size is one estimate, and a snapshot sent to a follower is the SST files of one span.
 * Rejected alternative: storing table keys unprefixed, which only works for range fragmentation.
 */
public final class FragmentKeys {
    private FragmentKeys() {}

    public static final byte FRAGMENT = 'f';
    public static final int HEADER_BYTES = 9;

    public static byte[] prefix(long fragmentId) {
        return new ByteWriter(HEADER_BYTES).put(FRAGMENT).putLong(fragmentId).toByteArray();
    }

    public static byte[] storageKey(long fragmentId, byte[] tableKey) {
        return new ByteWriter(HEADER_BYTES + tableKey.length).put(FRAGMENT).putLong(fragmentId).put(tableKey).toByteArray();
    }

    /** The storage bound of a table-key bound; null stands for the end of the fragment. */
    public static byte[] storageEnd(long fragmentId, byte[] tableKeyEnd) {
        return tableKeyEnd == null ? KeyCodec.prefixEnd(prefix(fragmentId)) : storageKey(fragmentId, tableKeyEnd);
    }

    public static byte[] tableKey(byte[] storageKey) {
        if (storageKey.length < HEADER_BYTES || storageKey[0] != FRAGMENT) {
            throw new IllegalStateException("not a fragment storage key");
        }
        return Arrays.copyOfRange(storageKey, HEADER_BYTES, storageKey.length);
    }
}
