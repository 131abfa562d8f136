package io.tessera.common.encoding;

/**
 * The layout of the node's key space. Every key of a table starts with {@code 't'} and the table
 * id (8 bytes, big-endian), followed by the {@link KeyCodec} encoding of the primary key; a
 * fragment owns a contiguous span of those keys. Secondary indexes will use {@code 'i'} + index id
 * the same way. MVCC version suffixes are added below this layout, by the storage layer.
 */
public final class KeySpace {
    private KeySpace() {}

    public static final byte TABLE = 't';

    public static byte[] tablePrefix(long tableId) {
        return new ByteWriter(9).put(TABLE).putLong(tableId).toByteArray();
    }

    public static byte[] tableKey(long tableId, byte[] encodedPrimaryKey) {
        return new ByteWriter(9 + encodedPrimaryKey.length).put(TABLE).putLong(tableId).put(encodedPrimaryKey).toByteArray();
    }

    /** Offset of the primary-key bytes inside a table key. */
    public static final int TABLE_KEY_HEADER = 9;
}
