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
    /** Per key part: the column's position in the row, or -1 for an expression part. */
    private final int[] positions;
    private final List<TypeKind> kinds;
    private final TableLayout rows;
    private final KeyExpressions expressions;

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

    /** A layout of an index of columns, or one that only encodes keys and never computes a row's values. */
    public IndexLayout(TableDescriptor table, IndexDescriptor index) {
        this(table, index, KeyExpressions.NONE);
    }

    /** @param expressions computes the index's expression key parts from a row */
    public IndexLayout(TableDescriptor table, IndexDescriptor index, KeyExpressions expressions) {
        this.table = table;
        this.index = index;
        this.rows = new TableLayout(table);
        this.expressions = expressions;
        this.positions = new int[index.columns().size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = index.isExpression(i) ? -1 : table.columnPosition(index.columns().get(i));
        }
        this.kinds = index.keyTypes(table).stream().map(t -> t.kind()).toList();
    }

    public IndexDescriptor index() { return index; }

    public TableDescriptor table() { return table; }

    /** The kinds of the key parts, in index order. */
    public List<TypeKind> kinds() { return kinds; }

    /** The indexed values of a row (columns read, expressions computed), in index order. */
    public List<Object> values(Object[] row) {
        List<Object> out = new ArrayList<>(positions.length);
        for (int i = 0; i < positions.length; i++) {
            out.add(positions[i] >= 0 ? row[positions[i]] : expressions.evaluate(table, index.expression(i), row));
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
