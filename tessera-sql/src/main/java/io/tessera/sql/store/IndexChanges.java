package io.tessera.sql.store;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.TextFormat;
import io.tessera.kv.api.Mutation;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The index entries a statement's row changes add and remove, grouped by index fragment. Pure:
 * computing them reads nothing but the rows (a Replace without its old row asks {@code oldRow}).
 * An entry that a change leaves where it was (an UPDATE of other columns) is neither added nor
 * removed.
 */
final class IndexChanges {
    /** One entry to add, with the row it points to (to name it in a 23505) and its layout. */
    record Put(IndexLayout layout, IndexLayout.Entry entry, Object[] row, long fragmentId, boolean overwrite) {
        /** Whether it is written with PutIfAbsent (an exclusive entry the statement does not itself remove). */
        boolean checked() {
            return entry.exclusive() && !overwrite;
        }

        Mutation mutation() {
            return checked() ? new Mutation.PutIfAbsent(entry.key(), entry.value())
                    : new Mutation.Put(entry.key(), entry.value());
        }
    }

    /** Entries to add, by index fragment, in change order. */
    final Map<Long, List<Put>> puts = new LinkedHashMap<>();
    /** Entries to remove, by index fragment. */
    final Map<Long, List<Mutation>> deletes = new LinkedHashMap<>();

    private IndexChanges() {}

    static IndexChanges of(List<IndexLayout> indexes, List<RowChange> changes, Function<Object[], Object[]> oldRow) {
        IndexChanges out = new IndexChanges();
        Map<ByteBuffer, Object[]> exclusiveKeys = new HashMap<>();
        for (RowChange change : changes) {
            Object[] before = switch (change) {
                case RowChange.Insert i -> null;
                case RowChange.Remove r -> r.row();
                case RowChange.Replace r -> r.old() != null ? r.old() : oldRow.apply(r.row());
            };
            Object[] after = change instanceof RowChange.Remove ? null
                    : change instanceof RowChange.Insert i ? i.row() : ((RowChange.Replace) change).row();
            for (IndexLayout layout : indexes) {
                IndexLayout.Entry removed = before == null ? null : layout.entry(before);
                IndexLayout.Entry added = after == null ? null : layout.entry(after);
                if (added != null && added.sameKey(removed)) {
                    continue;
                }
                if (removed != null) {
                    out.deletes.computeIfAbsent(layout.fragmentOf(removed), k -> new ArrayList<>())
                            .add(new Mutation.Delete(removed.key()));
                }
                if (added != null) {
                    if (added.exclusive() && exclusiveKeys.put(ByteBuffer.wrap(added.key()), after) != null) {
                        throw duplicate(layout, after);
                    }
                    long fragment = layout.fragmentOf(added);
                    out.puts.computeIfAbsent(fragment, k -> new ArrayList<>())
                            .add(new Put(layout, added, after, fragment, false));
                }
            }
        }
        out.mergeMoves();
        return out;
    }

    /**
     * A key the statement both removes and adds (an UPDATE that changes the primary key but not
     * the indexed values, whose unique entry keeps its key): one overwriting Put, no Delete, so
     * that the entry's own old version does not count as a duplicate.
     */
    private void mergeMoves() {
        java.util.Set<ByteBuffer> removed = new java.util.HashSet<>();
        deletes.values().forEach(list -> list.forEach(m -> removed.add(ByteBuffer.wrap(m.key()))));
        java.util.Set<ByteBuffer> moved = new java.util.HashSet<>();
        puts.values().forEach(list -> list.replaceAll(p -> {
            if (p.entry().exclusive() && removed.contains(ByteBuffer.wrap(p.entry().key()))) {
                moved.add(ByteBuffer.wrap(p.entry().key()));
                return new Put(p.layout(), p.entry(), p.row(), p.fragmentId(), true);
            }
            return p;
        }));
        if (!moved.isEmpty()) {
            deletes.values().forEach(list -> list.removeIf(m -> moved.contains(ByteBuffer.wrap(m.key()))));
            deletes.values().removeIf(List::isEmpty);
        }
    }

    boolean isEmpty() {
        return puts.isEmpty() && deletes.isEmpty();
    }

    /** PostgreSQL's 23505 for a unique index: the constraint is the index's name. */
    static SqlException duplicate(IndexLayout layout, Object[] row) {
        return new SqlException(SqlState.UNIQUE_VIOLATION,
                "duplicate key value violates unique constraint \"" + layout.index().name() + "\"")
                .withDetail("Key " + describe(layout, row) + " already exists.");
    }

    /** {@code (a, b)=(1, x)}: the key parts (columns, expressions as pg_get_indexdef prints them) and a row's values. */
    static String describe(IndexLayout layout, Object[] row) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Object> v = layout.values(row);
        var index = layout.index();
        for (int i = 0; i < v.size(); i++) {
            names.add(index.isExpression(i) ? index.expression(i).definitionText()
                    : layout.table().columns().get(layout.table().columnPosition(index.columns().get(i))).name());
            values.add(v.get(i) == null ? "null" : TextFormat.format(v.get(i), index.keyType(layout.table(), i), ZoneOffset.UTC));
        }
        return "(" + String.join(", ", names) + ")=(" + String.join(", ", values) + ")";
    }
}
