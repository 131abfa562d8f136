package io.tessera.kv.api;

import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.FragmentSpans;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.types.TypeKind;
import java.util.Arrays;
import java.util.List;

/**
 * Which fragment of a table owns a key, and which fragments a key span touches. Tables are
 * hash-fragmented ({@link FragmentSpans}): a single primary key has one owner, any wider span
 * (a key prefix, a range, the whole table) touches every fragment, each holding its part of the
 * span in key order.
 *
 * <p>Example: {@code owner(t, tableKey(t.id(), encode(42)))} is the fragment to write row 42 to;
 * {@code overlapping(t, tablePrefix(t.id()), prefixEnd(tablePrefix(t.id())))} is every fragment.
 */
public final class FragmentRouter {
    private FragmentRouter() {}

    /** The fragment that owns {@code tableKey} (a key of {@code table}, as KeySpace lays it out). */
    public static FragmentDescriptor owner(TableDescriptor table, byte[] tableKey) {
        checkTable(table, tableKey);
        List<FragmentDescriptor> fragments = table.fragments();
        if (fragments.size() == 1) {
            return fragments.get(0);
        }
        long hash = FragmentSpans.bucketHash(tableKey);
        for (FragmentDescriptor f : fragments) {
            if (FragmentSpans.contains(f, hash)) {
                return f;
            }
        }
        throw new IllegalStateException("fragments of table " + table.name() + " do not cover hash " + hash);
    }

    /**
     * The fragment of {@code index} that owns an entry key whose indexed values end at byte
     * {@code valuesEnd} (the writer that built the key knows where). All entries of one value
     * share the owner: a lookup of {@code indexKey(id, values, empty)} as a prefix reads it alone.
     */
    public static FragmentDescriptor indexOwner(IndexDescriptor index, byte[] indexKey, int valuesEnd) {
        if (indexKey[0] != KeySpace.INDEX || tableId(indexKey) != index.id()) {
            throw new IllegalArgumentException("key is not a key of index " + index.name());
        }
        List<FragmentDescriptor> fragments = index.fragments();
        if (fragments.size() == 1) {
            return fragments.get(0);
        }
        long hash = FragmentSpans.bucketHash(indexKey, valuesEnd);
        for (FragmentDescriptor f : fragments) {
            if (FragmentSpans.contains(f, hash)) {
                return f;
            }
        }
        throw new IllegalStateException("fragments of index " + index.name() + " do not cover hash " + hash);
    }

    /** The owner of a complete entry key of {@code index} (of {@code table}): decodes where its values end. */
    public static FragmentDescriptor indexOwner(TableDescriptor table, IndexDescriptor index, byte[] indexKey) {
        ByteReader r = new ByteReader(indexKey, KeySpace.INDEX_KEY_HEADER, indexKey.length);
        for (int part = 0; part < index.columns().size(); part++) {
            KeyCodec.decodeValue(r, index.keyType(table, part).kind());
        }
        return indexOwner(index, indexKey, r.position());
    }

    /**
     * The fragments holding keys of {@code table} in {@code [startKey, endKey)}: the owner alone when
     * the span is exactly one full primary key ({@code [k, k ++ 0x00)} or {@code [k, prefixEnd(k))}),
     * otherwise all of them.
     */
    public static List<FragmentDescriptor> overlapping(TableDescriptor table, byte[] startKey, byte[] endKey) {
        if (table.fragments().size() > 1 && isSingleKey(table, startKey, endKey)) {
            return List.of(owner(table, startKey));
        }
        return table.fragments();
    }

    private static boolean isSingleKey(TableDescriptor table, byte[] start, byte[] end) {
        if (start == null || end == null || start.length <= KeySpace.TABLE_KEY_HEADER || !isFullKey(table, start)) {
            return false;
        }
        byte[] nextKey = Arrays.copyOf(start, start.length + 1);
        return Arrays.equals(end, nextKey) || Arrays.equals(end, KeyCodec.prefixEnd(start));
    }

    private static boolean isFullKey(TableDescriptor table, byte[] key) {
        if (key[0] != KeySpace.TABLE || tableId(key) != table.id()) {
            return false;
        }
        try {
            ByteReader r = new ByteReader(key, KeySpace.TABLE_KEY_HEADER, key.length);
            for (int column : table.primaryKey()) {
                TypeKind kind = table.columns().get(column).type().kind();
                KeyCodec.decodeValue(r, kind);
            }
            return !r.hasRemaining();
        } catch (IllegalStateException | IllegalArgumentException e) {
            return false; // a prefix or a bound, not a key
        }
    }

    static long tableId(byte[] tableKey) {
        return new ByteReader(tableKey, 1, KeySpace.TABLE_KEY_HEADER).getLong();
    }

    private static void checkTable(TableDescriptor table, byte[] tableKey) {
        if (tableKey.length < KeySpace.TABLE_KEY_HEADER || tableKey[0] != KeySpace.TABLE || tableId(tableKey) != table.id()) {
            throw new IllegalArgumentException("key is not a key of table " + table.name());
        }
    }
}
