package io.tessera.sql.plan;

import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.error.SqlException;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.sql.spi.SystemTable;
import io.tessera.sql.store.KeySpan;
import io.tessera.sql.store.RowStore;
import java.util.ArrayList;
import java.util.List;

/** Leaf operators: user tables through the {@link RowStore}, system tables through the SPI. */
final class Scans {
    private Scans() {}

    /** Most point lookups one IN-list scan turns into before it falls back to a span scan. */
    static final int MAX_POINT_LOOKUPS = 4096;

    /**
     * The part of a WHERE clause that bounds the primary key: equality values (several for an IN
     * list) for a prefix of the key columns, then optionally a range on the next key column.
     */
    record KeyAccess(List<List<Expr>> equalities, Expr lower, boolean lowerInclusive, Expr upper,
            boolean upperInclusive) {
        static final KeyAccess FULL = new KeyAccess(List.of(), null, false, null, false);

        boolean isFull() { return equalities.isEmpty() && lower == null && upper == null; }
    }

    /**
     * Equality values (several for an IN list) for every column of a readable secondary index:
     * the scan reads the index's entries of each combination (one fragment each), then the rows
     * they name. Or equalities for a prefix of its columns and a range on the next one: the scan
     * reads those entries from every fragment of the index.
     *
     * <p>{@code ordered}: the scan returns the rows in the index's key order (an ORDER BY the index
     * serves; see {@link OrderedIndexPlanner}), merging the fragments' sorted streams, reading at
     * first {@code firstPageKeys} entries per fragment. Its equalities then have one value each.
     */
    record IndexAccess(IndexDescriptor index, List<List<Expr>> equalities, Expr lower, boolean lowerInclusive,
            Expr upper, boolean upperInclusive, boolean ordered, int firstPageKeys) {
        IndexAccess(IndexDescriptor index, List<List<Expr>> equalities, Expr lower, boolean lowerInclusive,
                Expr upper, boolean upperInclusive) {
            this(index, equalities, lower, lowerInclusive, upper, upperInclusive, false, 0);
        }

        IndexAccess(IndexDescriptor index, List<List<Expr>> equalities) {
            this(index, equalities, null, false, null, false);
        }

        /** Every column bound by equality: point lookups, one index fragment each. */
        boolean isPoint() {
            return !ordered && equalities.size() == index.columns().size();
        }

        /** The same access reading in key order. */
        IndexAccess inKeyOrder(int pageKeys) {
            return new IndexAccess(index, equalities, lower, lowerInclusive, upper, upperInclusive, true, pageKeys);
        }
    }

    private static final Object UNBOUNDED = new Object();

    /** A table's rows: by primary key ({@code access}), or through a secondary index when {@code index} is set. */
    record TableScan(TableDescriptor table, List<Column> columns, KeyAccess access, IndexAccess index) implements Plan {
        TableScan(TableDescriptor table, List<Column> columns, KeyAccess access) {
            this(table, columns, access, null);
        }

        @Override
        public Rows open(Env outer) {
            RowStore store = outer.ctx.store();
            outer = outer.child(new Object[0]); // key bounds may read enclosing rows at depth 1
            if (index != null && index.ordered()) {
                List<KeySpan> spans = indexSpans(outer);
                if (spans.size() > 1) {
                    throw new IllegalStateException("an ordered index scan of " + spans.size() + " spans");
                }
                return spans.isEmpty() ? () -> null
                        : store.orderedIndexScan(table, index.index(), spans.get(0), index.firstPageKeys())::next;
            }
            if (index != null && !index.isPoint()) {
                List<KeySpan> spans = indexSpans(outer);
                int[] i = {0};
                RowStore.RowIterator[] current = {null};
                return () -> {
                    while (true) {
                        if (current[0] == null) {
                            if (i[0] >= spans.size()) {
                                return null;
                            }
                            current[0] = store.indexScan(table, index.index(), spans.get(i[0]++));
                        }
                        Object[] row = current[0].next();
                        if (row != null) {
                            return row;
                        }
                        current[0] = null;
                    }
                };
            }
            if (index != null) {
                List<List<Object>> keys = indexKeys(outer);
                if (keys == null) {
                    return () -> null;
                }
                boolean tooMany = keys.size() == 1 && keys.get(0).isEmpty();
                return tooMany ? concatScans(store, List.of(KeySpan.wholeTable(table.id()))) : indexLookups(store, keys);
            }
            List<TypeKind> kinds = table.primaryKey().stream().map(i -> table.columns().get(i).type().kind()).toList();
            List<List<Object>> prefixes = equalityPrefixes(outer, kinds);
            if (prefixes == null) {
                return () -> null;
            }
            boolean allPoints = prefixes.get(0).size() == kinds.size() && prefixes.size() > 0;
            if (allPoints) {
                return pointLookups(store, prefixes);
            }
            List<KeySpan> spans = new ArrayList<>();
            for (List<Object> prefix : prefixes) {
                KeySpan span = span(outer, prefix, kinds);
                if (span != null && !span.isEmpty()) {
                    spans.add(span);
                }
            }
            return concatScans(store, spans);
        }

        private Rows pointLookups(RowStore store, List<List<Object>> keys) {
            int[] i = {0};
            return () -> {
                while (i[0] < keys.size()) {
                    Object[] row = store.get(table, keys.get(i[0]++));
                    if (row != null) {
                        return row;
                    }
                }
                return null;
            };
        }

        private Rows concatScans(RowStore store, List<KeySpan> spans) {
            int[] i = {0};
            RowStore.RowIterator[] current = {null};
            return () -> {
                while (true) {
                    if (current[0] == null) {
                        if (i[0] >= spans.size()) {
                            return null;
                        }
                        current[0] = store.scan(table, spans.get(i[0]++));
                    }
                    Object[] row = current[0].next();
                    if (row != null) {
                        return row;
                    }
                    current[0] = null;
                }
            };
        }

        /** The kinds of the index's columns, in index order. */
        List<TypeKind> indexKinds() {
            return index.index().keyTypes(table).stream().map(SqlType::kind).toList();
        }

        /**
         * The index values to look up: every combination, converted to the column types (NULL never
         * equals anything, so it drops out); null when none can match; more than
         * {@link #MAX_POINT_LOOKUPS} combinations come back as one empty key: scan the table instead.
         */
        List<List<Object>> indexKeys(Env env) {
            return combinations(env, index.equalities(), indexKinds(), MAX_POINT_LOOKUPS);
        }

        private Rows indexLookups(RowStore store, List<List<Object>> keys) {
            int[] i = {0};
            RowStore.RowIterator[] current = {null};
            return () -> {
                while (true) {
                    if (current[0] == null) {
                        if (i[0] >= keys.size()) {
                            return null;
                        }
                        current[0] = store.lookup(table, index.index(), keys.get(i[0]++));
                    }
                    Object[] row = current[0].next();
                    if (row != null) {
                        return row;
                    }
                    current[0] = null;
                }
            };
        }

        /** Every combination of the equality values, converted to the key types; null when none can match. */
        List<List<Object>> equalityPrefixes(Env env, List<TypeKind> kinds) {
            return combinations(env, access.equalities(), kinds, MAX_POINT_LOOKUPS);
        }

        /**
         * Every combination of {@code equalities}' values converted to {@code kinds}; null when none
         * can match; beyond {@code max} combinations, the empty prefix (scan everything).
         */
        private static List<List<Object>> combinations(Env env, List<List<Expr>> equalities, List<TypeKind> kinds,
                int max) {
            List<List<Object>> out = new ArrayList<>();
            out.add(List.of());
            for (int c = 0; c < equalities.size(); c++) {
                List<Object> values = new ArrayList<>();
                for (Expr e : equalities.get(c)) {
                    Object v = keyValue(e, env, kinds.get(c));
                    if (v != null && v != UNBOUNDED && !values.contains(v)) {
                        values.add(v);
                    }
                }
                if (values.isEmpty()) {
                    return null;
                }
                List<List<Object>> next = new ArrayList<>();
                for (List<Object> prefix : out) {
                    for (Object v : values) {
                        List<Object> p = new ArrayList<>(prefix);
                        p.add(v);
                        next.add(p);
                    }
                }
                if (next.size() > max) {
                    return List.of(out.get(0).subList(0, 0));
                }
                out = next;
            }
            return out;
        }

        private KeySpan span(Env env, List<Object> prefix, List<TypeKind> kinds) {
            byte[] head = KeySpace.tableKey(table.id(), KeyCodec.encode(prefix, kinds.subList(0, prefix.size())));
            TypeKind next = prefix.size() < kinds.size() ? kinds.get(prefix.size()) : null;
            return bounded(env, head, next, access.lower(), access.lowerInclusive(), access.upper(), access.upperInclusive());
        }

        /**
         * The keys starting with {@code head}, narrowed by bounds on the value that follows it (of
         * kind {@code next}, null when nothing follows); null when a bound is NULL (nothing matches).
         */
        private static KeySpan bounded(Env env, byte[] head, TypeKind next, Expr lower, boolean lowerInclusive, Expr upper,
                boolean upperInclusive) {
            KeySpan whole = KeySpan.prefix(head);
            if (next == null || (lower == null && upper == null)) {
                return whole;
            }
            byte[] start = whole.start();
            byte[] end = whole.end();
            if (lower != null) {
                Object v = keyValue(lower, env, next);
                if (v == UNBOUNDED) {
                    return whole;
                }
                if (v == null) {
                    return null;
                }
                byte[] k = concat(head, KeyCodec.encode(List.of(v), List.of(next)));
                start = lowerInclusive ? k : KeyCodec.prefixEnd(k);
            }
            if (upper != null) {
                Object v = keyValue(upper, env, next);
                if (v == UNBOUNDED) {
                    return whole;
                }
                if (v == null) {
                    return null;
                }
                byte[] k = concat(head, KeyCodec.encode(List.of(v), List.of(next)));
                end = upperInclusive ? KeyCodec.prefixEnd(k) : k;
            }
            return new KeySpan(start, end);
        }

        /** The spans of index entries a range access reads: one per combination of the equality prefix. */
        List<KeySpan> indexSpans(Env env) {
            List<TypeKind> kinds = indexKinds();
            List<List<Object>> prefixes = combinations(env, index.equalities(), kinds, MAX_POINT_LOOKUPS);
            if (prefixes == null) {
                return List.of();
            }
            List<KeySpan> spans = new ArrayList<>();
            for (List<Object> prefix : prefixes) {
                byte[] head = KeySpace.indexKey(index.index().id(), KeyCodec.encode(prefix, kinds.subList(0, prefix.size())),
                        new byte[0]);
                TypeKind next = prefix.size() < kinds.size() ? kinds.get(prefix.size()) : null;
                KeySpan span = bounded(env, head, prefix.size() == index.equalities().size() ? next : null,
                        index.lower(), index.lowerInclusive(), index.upper(), index.upperInclusive());
                if (span != null && !span.isEmpty()) {
                    spans.add(span);
                }
            }
            return spans;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }

        /**
         * A key value in the column's Java class; null when it is NULL (nothing matches), {@link #UNBOUNDED}
         * when it lies outside the column type's range (the bound cannot narrow the scan).
         */
        private static Object keyValue(Expr e, Env env, TypeKind kind) {
            Object v = e.eval(env);
            try {
                return Casts.cast(v, e.type(), SqlType.of(kind), env.ctx.zone(), true);
            } catch (SqlException outOfRange) {
                return UNBOUNDED;
            }
        }
    }

    record SystemScan(SystemTable table, List<Column> columns) implements Plan {
        @Override
        public Rows open(Env outer) {
            return Operators.iterate(table.rows(outer.ctx.system()));
        }
    }
}
