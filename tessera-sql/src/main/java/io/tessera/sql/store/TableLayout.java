package io.tessera.sql.store;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.encoding.RowCodec;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/** Encodes a table's rows as (key, value) and back; see the package description for the layout. */
public final class TableLayout {
    private final TableDescriptor table;
    private final int[] keyColumns;
    private final List<TypeKind> keyKinds;
    private final int[] valueColumns;
    private final int[] valueIds;
    private final TypeKind[] valueKinds;

    public TableLayout(TableDescriptor table) {
        this.table = table;
        this.keyColumns = table.primaryKey().stream().mapToInt(Integer::intValue).toArray();
        List<TypeKind> kinds = new ArrayList<>();
        for (int c : keyColumns) {
            kinds.add(table.columns().get(c).type().kind());
        }
        this.keyKinds = List.copyOf(kinds);
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (!table.primaryKey().contains(i)) {
                rest.add(i);
            }
        }
        this.valueColumns = rest.stream().mapToInt(Integer::intValue).toArray();
        this.valueIds = new int[valueColumns.length];
        this.valueKinds = new TypeKind[valueColumns.length];
        for (int i = 0; i < valueColumns.length; i++) {
            ColumnDescriptor c = table.columns().get(valueColumns[i]);
            valueIds[i] = c.id();
            valueKinds[i] = c.type().kind();
        }
    }

    public TableDescriptor table() { return table; }

    public List<TypeKind> keyKinds() { return keyKinds; }

    public List<Object> keyValues(Object[] row) {
        List<Object> out = new ArrayList<>(keyColumns.length);
        for (int c : keyColumns) {
            out.add(row[c]);
        }
        return out;
    }

    public byte[] key(Object[] row) {
        return keyOf(keyValues(row));
    }

    public byte[] keyOf(List<Object> keyValues) {
        return KeySpace.tableKey(table.id(), KeyCodec.encode(keyValues, keyKinds));
    }

    public byte[] value(Object[] row) {
        Object[] values = new Object[valueColumns.length];
        for (int i = 0; i < valueColumns.length; i++) {
            values[i] = row[valueColumns[i]];
        }
        return RowCodec.encode(valueIds, values, valueKinds);
    }

    public Object[] decode(byte[] key, byte[] value) {
        Object[] row = new Object[table.columns().size()];
        List<Object> keys = KeyCodec.decode(key, KeySpace.TABLE_KEY_HEADER, keyKinds);
        for (int i = 0; i < keyColumns.length; i++) {
            row[keyColumns[i]] = keys.get(i);
        }
        Object[] values = new Object[valueColumns.length];
        RowCodec.decode(value, valueIds, valueKinds, values);
        for (int i = 0; i < valueColumns.length; i++) {
            row[valueColumns[i]] = values[i];
        }
        return row;
    }
}
