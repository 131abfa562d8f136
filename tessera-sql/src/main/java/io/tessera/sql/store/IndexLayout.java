package io.tessera.sql.store;

import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes the entries of one secondary index of a table; see the package description for the
 * layout. An entry's value is always the row's encoded primary key, so a reader needs nothing but
 * the entry to fetch the row.
 */
public final class IndexLayout {
    private final TableDescriptor table;
    private final IndexDescriptor index;
    private final int[] positions;
    private final List<TypeKind> kinds;
    private final TableLayout rows;

    /**
     * One entry of a row: {@code exclusive} entries (a unique index, no NULL among the values) are
     * keyed by the values alone and written with PutIfAbsent; the others carry the primary key in
     * their key as well, so they never collide.
     */
    public record Entry(byte[] key, int valuesEnd, byte[] value, boolean exclusive) {
        boolean sameKey(Entry other) {
            return other != null && Arrays.equals(key, other.key);
        }
    }

    public IndexLayout(TableDescriptor table, IndexDescriptor index) {
        this.table = table;
        this.index = index;
        this.rows = new TableLayout(table);
        this.positions = new int[index.columns().size()];
        List<TypeKind> k = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) {
            positions[i] = table.columnPosition(index.columns().get(i));
            if (positions[i] < 0) {
                throw new IllegalStateException("index " + index.name() + " names column id " + index.columns().get(i)
                        + " that table " + table.name() + " lacks");
            }
            k.add(table.columns().get(positions[i]).type().kind());
        }
        this.kinds = List.copyOf(k);
    }

    public IndexDescriptor index() { return index; }

    public TableDescriptor table() { return table; }

    /** The kinds of the indexed columns, in index order. */
    public List<TypeKind> kinds() { return kinds; }

    /** The indexed values of a row, in index order. */
    public List<Object> values(Object[] row) {
        List<Object> out = new ArrayList<>(positions.length);
        for (int p : positions) {
            out.add(row[p]);
        }
        return out;
    }

    public Entry entry(Object[] row) {
        List<Object> values = values(row);
        byte[] encodedValues = KeyCodec.encode(values, kinds);
        byte[] primaryKey = KeyCodec.encode(rows.keyValues(row), rows.keyKinds());
        boolean exclusive = index.unique() && !values.contains(null);
        byte[] key = KeySpace.indexKey(index.id(), encodedValues, exclusive ? new byte[0] : primaryKey);
        return new Entry(key, KeySpace.INDEX_KEY_HEADER + encodedValues.length, primaryKey, exclusive);
    }

    /** The key prefix every entry of these (complete) indexed values starts with. */
    public byte[] lookupPrefix(List<Object> values) {
        return KeySpace.indexKey(index.id(), KeyCodec.encode(values, kinds), new byte[0]);
    }

    /** The primary key an entry's value names. */
    public List<Object> primaryKey(byte[] entryValue) {
        return KeyCodec.decode(entryValue, 0, rows.keyKinds());
    }

    /** The index fragment that owns an entry (or a lookup prefix of complete values). */
    public long fragmentOf(byte[] key, int valuesEnd) {
        return io.tessera.kv.api.FragmentRouter.indexOwner(index, key, valuesEnd).id();
    }

    public long fragmentOf(Entry entry) {
        return fragmentOf(entry.key(), entry.valuesEnd());
    }
}
