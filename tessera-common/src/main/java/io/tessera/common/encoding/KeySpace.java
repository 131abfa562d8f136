package io.tessera.common.encoding;

/**
 * The layout of the node's key space. Every key of a table starts with {@code 't'} and the table
 * id (8 bytes, big-endian), followed by the {@link KeyCodec} encoding of the primary key; a
 * fragment owns a contiguous span of those keys. A secondary index entry starts with {@code 'i'} and
 * the index id (8 bytes), followed by the KeyCodec encoding of the indexed values and, for entries
 * that may repeat (non-unique indexes, and NULLs in unique ones), of the row's primary key. MVCC version suffixes are added below this layout, by the storage layer.
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

    public static final byte INDEX = 'i';

    public static byte[] indexPrefix(long indexId) {
        return new ByteWriter(9).put(INDEX).putLong(indexId).toByteArray();
    }

    /** An index entry key: the indexed values' encoding, then {@code encodedPrimaryKey} (may be empty). */
    public static byte[] indexKey(long indexId, byte[] encodedValues, byte[] encodedPrimaryKey) {
        return new ByteWriter(9 + encodedValues.length + encodedPrimaryKey.length).put(INDEX).putLong(indexId)
                .put(encodedValues).put(encodedPrimaryKey).toByteArray();
    }

    /** Offset of the indexed values inside an index key (the same header as a table key's). */
    public static final int INDEX_KEY_HEADER = 9;

    /** Offset of the primary-key bytes inside a table key. */
    public static final int TABLE_KEY_HEADER = 9;
}
