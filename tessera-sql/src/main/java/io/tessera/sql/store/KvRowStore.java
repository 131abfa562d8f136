package io.tessera.sql.store;

import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.TextFormat;
import io.tessera.kv.api.KvPair;
import io.tessera.kv.api.KvStore;
import io.tessera.kv.api.Mutation;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * {@link RowStore} on a {@link KvStore}: the session's transaction (see
 * {@code io.tessera.kv.api.Transaction}), whose writes lock their keys until it ends, so a
 * statement's changes to several fragments commit together; each fragment gets one write per
 * statement however many rows change.
 */
public final class KvRowStore implements RowStore {
    /** Keys fetched per scan call: large enough to amortise a round trip, small enough that LIMIT stays cheap. */
    public static final int SCAN_PAGE_KEYS = 1024;
    /**
     * A statement's mutations for one fragment are sent in writes of at most this many bytes of
     * keys and values: half of KvStore's 1 MiB per write, leaving room for the command's framing.
     */
    static final int WRITE_BYTES_MAX = 512 * 1024;
    /** ... and at most this many mutations (KvStore allows 100,000). */
    static final int WRITE_MUTATIONS_MAX = 50_000;

    /** Rows per backfill write round while CREATE INDEX fills an index from a table's existing rows. */
    static final int BACKFILL_BATCH_ROWS = 2_000;

    /** Reads and writes different fragments in parallel; virtual threads, as they mostly wait on the network. */
    private static final ExecutorService FETCHERS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scan-fetch-", 0).factory());

    private final KvStore kv;
    /** Writes outside the transaction: TRUNCATE's range deletes and CREATE INDEX's backfill. */
    private final KvStore raw;
    private final Supplier<String> interruption;
    /** The catalog's current descriptor of a table by id: whose indexes writers maintain. */
    private final LongFunction<Optional<TableDescriptor>> tables;
    /** This node's writes in flight, shared by every session's store. */
    private final WriteFence fence;
    /** Computes expression key parts of indexes from rows. */
    private final KeyExpressions expressions;

    /**
     * @param interruption polled between pages; a non-null reason stops the scan with 57014
     * @param tables the catalog's current table descriptors by id
     * @param expressions computes the expression key parts of indexes
     */
    public KvRowStore(KvStore kv, KvStore raw, Supplier<String> interruption,
            LongFunction<Optional<TableDescriptor>> tables, WriteFence fence, KeyExpressions expressions) {
        this.kv = kv;
        this.raw = raw;
        this.interruption = interruption;
        this.tables = tables;
        this.fence = fence;
        this.expressions = expressions;
    }

    /** A store that maintains the indexes of the descriptors it is given (tests without a catalog). */
    public KvRowStore(KvStore kv, Supplier<String> interruption) {
        this(kv, kv, interruption, id -> Optional.empty(), new WriteFence(), KeyExpressions.NONE);
    }

    @Override
    public RowStore outsideTransaction() {
        return kv == raw ? this
                : new KvRowStore(new ReadInWriteOutside(kv, raw), raw, interruption, tables, fence, expressions);
    }

    @Override
    public RowIterator scan(TableDescriptor table, KeySpan span) {
        TableLayout layout = new TableLayout(table);
        List<FragmentRouter.Piece> pieces = FragmentRouter.pieces(table, span);
        return new PagedScan(layout, pieces);
    }

    @Override
    public Object[] get(TableDescriptor table, List<Object> primaryKey) {
        TableLayout layout = new TableLayout(table);
        byte[] key = layout.keyOf(primaryKey);
        Optional<byte[]> value = kv.get(FragmentRouter.fragmentFor(table, key), key);
        return value.map(v -> layout.decode(key, v)).orElse(null);
    }

    @Override
    public void apply(TableDescriptor table, List<RowChange> changes) {
        long ticket = fence.enter(); // before reading which indexes to maintain: see WriteFence
        try {
            applyFenced(table, changes);
        } finally {
            fence.exit(ticket);
        }
    }

    private void applyFenced(TableDescriptor table, List<RowChange> changes) {
        TableLayout layout = new TableLayout(table);
        List<IndexLayout> indexes = indexLayouts(table);
        if (indexes.isEmpty()) {
            throwFirst(writeRows(layout, changes));
            return;
        }
        IndexChanges entries = IndexChanges.of(indexes, changes, row -> get(table, layout.keyValues(row)));
        // Entries first: a unique violation fails the statement before any row is written.
        Map<Long, RuntimeException> failed = writeParallel(putMutations(entries),
                (fragment, mutations) -> writeIndexFragment(entries.puts.get(fragment), fragment, mutations));
        if (!failed.isEmpty()) {
            undoPuts(entries, failed.keySet(), fragment -> true, layout);
            throwFirst(failed);
        }
        Map<Long, RuntimeException> rowsFailed = writeRows(layout, changes);
        if (!rowsFailed.isEmpty()) {
            undoPuts(entries, Set.of(), rowsFailed::containsKey, layout);
            throwFirst(rowsFailed);
        }
        throwFirst(writeParallel(entries.deletes, (fragment, mutations) -> writeFragment(layout, fragment, mutations)));
    }

    /**
     * The indexes writers must maintain: those of the catalog's current descriptor of the table,
     * not only of the statement's (an index created while the statement was planned or running is
     * maintained from the moment this node's catalog has it, which its backfill relies on).
     */
    private List<IndexLayout> indexLayouts(TableDescriptor table) {
        List<IndexDescriptor> indexes = tables.apply(table.id()).map(TableDescriptor::indexes).orElse(table.indexes());
        List<IndexLayout> out = new ArrayList<>(indexes.size());
        for (IndexDescriptor index : indexes) {
            for (int columnId : index.keyColumnIds()) {
                if (table.columnPosition(columnId) < 0) {
                    throw new SqlException(SqlState.SERIALIZATION_FAILURE,
                            "table \"" + table.name() + "\" changed while the statement ran; retry it");
                }
            }
            out.add(new IndexLayout(table, index, expressions));
        }
        return out;
    }

    private static Map<Long, List<Mutation>> putMutations(IndexChanges entries) {
        Map<Long, List<Mutation>> out = new LinkedHashMap<>();
        entries.puts.forEach((fragment, puts) -> out.put(fragment, puts.stream().map(IndexChanges.Put::mutation).toList()));
        return out;
    }

    /**
     * Takes back the unique entries this statement added (PutIfAbsent succeeded, so they are its
     * own) for rows that were not written: the index fragments that failed wrote nothing, and
     * rows whose fragment failed must not keep their values reserved. Best effort: the statement
     * fails with its original error either way.
     */
    private void undoPuts(IndexChanges entries, Set<Long> failedIndexFragments, java.util.function.LongPredicate rowFailed,
            TableLayout layout) {
        Map<Long, List<Mutation>> undo = new LinkedHashMap<>();
        entries.puts.forEach((fragment, puts) -> {
            if (failedIndexFragments.contains(fragment)) {
                return;
            }
            for (IndexChanges.Put p : puts) {
                if (p.checked() && rowFailed.test(FragmentRouter.fragmentFor(layout.table(), layout.key(p.row())))) {
                    undo.computeIfAbsent(fragment, k -> new ArrayList<>()).add(new Mutation.Delete(p.entry().key()));
                }
            }
        });
        writeParallel(undo, (fragment, mutations) -> writeFragment(layout, fragment, mutations));
    }

    private void writeIndexFragment(List<IndexChanges.Put> puts, long fragmentId, List<Mutation> mutations) {
        for (List<Mutation> piece : split(mutations)) {
            try {
                kv.write(fragmentId, piece);
            } catch (SqlException e) {
                if (!SqlState.UNIQUE_VIOLATION.equals(e.sqlState())) {
                    throw e;
                }
                for (IndexChanges.Put p : puts) {
                    if (p.checked() && kv.get(fragmentId, p.entry().key()).isPresent()) {
                        throw IndexChanges.duplicate(p.layout(), p.row());
                    }
                }
                throw e;
            }
        }
    }

    /** Writes the statement's rows, all fragments at once; returns the fragments that failed and why. */
    private Map<Long, RuntimeException> writeRows(TableLayout layout, List<RowChange> changes) {
        TableDescriptor table = layout.table();
        Map<Long, List<Mutation>> removes = new LinkedHashMap<>();
        Map<Long, List<Mutation>> puts = new LinkedHashMap<>();
        Set<ByteBuffer> inserted = new HashSet<>();
        for (RowChange change : changes) {
            switch (change) {
                case RowChange.Remove r -> add(removes, table, new Mutation.Delete(layout.key(r.row())));
                case RowChange.Replace r -> add(puts, table, new Mutation.Put(layout.key(r.row()), layout.value(r.row())));
                case RowChange.Insert i -> {
                    byte[] key = layout.key(i.row());
                    if (!inserted.add(ByteBuffer.wrap(key))) {
                        throw duplicate(layout, i.row());
                    }
                    add(puts, table, new Mutation.PutIfAbsent(key, layout.value(i.row())));
                }
            }
        }
        Map<Long, List<Mutation>> batches = new LinkedHashMap<>(removes);
        puts.forEach((f, m) -> batches.computeIfAbsent(f, k -> new ArrayList<>()).addAll(m));
        return writeParallel(batches, (fragment, mutations) -> writeFragment(layout, fragment, mutations));
    }

    /**
     * Writes each fragment's batch, all at once when there are several (fragments are independent
     * Raft groups, often led by different nodes); returns the fragments that failed and why.
     */
    private static Map<Long, RuntimeException> writeParallel(Map<Long, List<Mutation>> batches,
            java.util.function.BiConsumer<Long, List<Mutation>> writer) {
        Map<Long, RuntimeException> failed = new LinkedHashMap<>();
        if (batches.size() == 1) {
            batches.forEach((fragment, mutations) -> {
                try {
                    writer.accept(fragment, mutations);
                } catch (RuntimeException e) {
                    failed.put(fragment, e);
                }
            });
            return failed;
        }
        Map<Long, CompletableFuture<Void>> writes = new LinkedHashMap<>();
        batches.forEach((fragment, mutations) -> writes.put(fragment,
                CompletableFuture.runAsync(() -> writer.accept(fragment, mutations), FETCHERS)));
        writes.forEach((fragment, w) -> {
            try {
                awaitPage(w);
            } catch (RuntimeException e) {
                failed.put(fragment, e);
            }
        });
        return failed;
    }

    private static void throwFirst(Map<Long, RuntimeException> failed) {
        if (!failed.isEmpty()) {
            throw failed.values().iterator().next();
        }
    }

    private void writeFragment(TableLayout layout, long fragmentId, List<Mutation> mutations) {
        for (List<Mutation> piece : split(mutations)) {
            writeBatch(layout, fragmentId, piece);
        }
    }

    /**
     * Cuts a fragment's mutations into writes within the KV limits, in order (removes stay before
     * the puts that follow them). A statement larger than one write is then atomic per write only.
     */
    static List<List<Mutation>> split(List<Mutation> mutations) {
        List<List<Mutation>> pieces = new ArrayList<>();
        List<Mutation> current = new ArrayList<>();
        long bytes = 0;
        for (Mutation m : mutations) {
            long size = m.key().length + switch (m) {
                case Mutation.Put p -> p.value().length;
                case Mutation.PutIfAbsent p -> p.value().length;
                case Mutation.DeleteRange d -> d.endKey() == null ? 0 : d.endKey().length;
                case Mutation.Delete d -> 0;
            };
            if (!current.isEmpty() && (bytes + size > WRITE_BYTES_MAX || current.size() >= WRITE_MUTATIONS_MAX)) {
                pieces.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(m);
            bytes += size;
        }
        if (!current.isEmpty()) {
            pieces.add(current);
        }
        return pieces;
    }

    /**
     * Each row's table key, grouped by the fragment that holds it (duplicates dropped: a join may
     * return a row many times), locked with one {@code KvStore.lock} per fragment, all fragments
     * at once.
     */
    @Override
    public void lockRows(TableDescriptor table, List<Object[]> rows) {
        TableLayout layout = new TableLayout(table);
        Map<Long, List<byte[]>> byFragment = new LinkedHashMap<>();
        Set<ByteBuffer> seen = new HashSet<>();
        for (Object[] row : rows) {
            byte[] key = layout.key(row);
            if (seen.add(ByteBuffer.wrap(key))) {
                byFragment.computeIfAbsent(FragmentRouter.fragmentFor(table, key), f -> new ArrayList<>()).add(key);
            }
        }
        if (byFragment.size() == 1) {
            byFragment.forEach(kv::lock);
            return;
        }
        Map<Long, CompletableFuture<Void>> locks = new LinkedHashMap<>();
        byFragment.forEach((fragment, keys) -> locks.put(fragment,
                CompletableFuture.runAsync(() -> kv.lock(fragment, keys), FETCHERS)));
        RuntimeException first = null;
        for (CompletableFuture<Void> lock : locks.values()) {
            try {
                awaitPage(lock);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void truncate(TableDescriptor table) {
        KeySpan whole = KeySpan.wholeTable(table.id());
        for (FragmentRouter.Piece p : FragmentRouter.pieces(table, whole)) {
            raw.write(p.fragmentId(), List.of(new Mutation.DeleteRange(p.start(), p.end())));
        }
        for (IndexDescriptor index : tables.apply(table.id()).map(TableDescriptor::indexes).orElse(table.indexes())) {
            KeySpan entries = KeySpan.prefix(KeySpace.indexPrefix(index.id()));
            for (var f : index.fragments()) {
                raw.write(f.id(), List.of(new Mutation.DeleteRange(entries.start(), entries.end())));
            }
        }
    }

    @Override
    public RowIterator lookup(TableDescriptor table, IndexDescriptor index, List<Object> values) {
        IndexLayout layout = new IndexLayout(table, index, expressions);
        byte[] prefix = layout.lookupPrefix(values);
        FragmentRouter.Piece piece = new FragmentRouter.Piece(layout.fragmentOf(prefix, prefix.length), prefix,
                KeyCodec.prefixEnd(prefix));
        PieceCursor entries = new PieceCursor(piece);
        return () -> {
            while (entries.advance()) {
                Object[] row = get(table, layout.primaryKey(entries.current().value()));
                // An entry left behind by a crash, or racing a change, may point to a row whose values moved on.
                if (row != null && Arrays.equals(layout.lookupPrefix(layout.values(row)), prefix)) {
                    return row;
                }
            }
            return null;
        };
    }

    @Override
    public RowIterator indexScan(TableDescriptor table, IndexDescriptor index, KeySpan span) {
        IndexLayout layout = new IndexLayout(table, index, expressions);
        List<PieceCursor> cursors = index.fragments().stream()
                .map(f -> new PieceCursor(new FragmentRouter.Piece(f.id(), span.start(), span.end()))).toList();
        if (cursors.size() > 1) {
            checkInterruption();
            cursors.forEach(PieceCursor::prefetch);
        }
        int[] at = {0};
        return () -> {
            while (at[0] < cursors.size()) {
                PieceCursor cursor = cursors.get(at[0]);
                if (!cursor.advance()) {
                    at[0]++;
                    continue;
                }
                Object[] row = get(table, layout.primaryKey(cursor.current().value()));
                if (row != null) {
                    return row;
                }
            }
            return null;
        };
    }

    @Override
    public RowIterator orderedIndexScan(TableDescriptor table, IndexDescriptor index, KeySpan span, int firstPageKeys) {
        IndexLayout layout = new IndexLayout(table, index, expressions);
        int first = Math.clamp(firstPageKeys, 1, SCAN_PAGE_KEYS);
        List<PieceCursor> cursors = index.fragments().stream()
                .map(f -> new PieceCursor(new FragmentRouter.Piece(f.id(), span.start(), span.end()), first)).toList();
        MergedEntries entries = new MergedEntries(cursors);
        return () -> {
            for (KvPair entry = entries.next(); entry != null; entry = entries.next()) {
                Object[] row = get(table, layout.primaryKey(entry.value()));
                if (row != null && startsWith(entry.key(), layout.lookupPrefix(layout.values(row)))) {
                    return row;
                }
            }
            return null;
        };
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The entries of several fragments' cursors in key order: a merge of their sorted streams. */
    private final class MergedEntries {
        private final PriorityQueue<PieceCursor> heads =
                new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.current().key(), b.current().key()));

        MergedEntries(List<PieceCursor> cursors) {
            if (cursors.size() > 1) {
                checkInterruption();
                cursors.forEach(PieceCursor::prefetch);
            }
            for (PieceCursor cursor : cursors) {
                if (cursor.advance()) {
                    heads.add(cursor);
                }
            }
        }

        KvPair next() {
            PieceCursor head = heads.poll();
            if (head == null) {
                return null;
            }
            KvPair pair = head.current();
            if (head.advance()) {
                heads.add(head);
            }
            return pair;
        }
    }

    @Override
    public void backfill(TableDescriptor table, IndexDescriptor index) {
        try {
            if (!fence.awaitEarlierWrites()) {
                throw new SqlException("55P03", "CREATE INDEX " + index.name()
                        + " gave up waiting for the writes in flight on table " + table.name() + "; retry it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement: interrupted");
        }
        IndexLayout layout = new IndexLayout(table, index, expressions);
        RowIterator rows = scan(table, KeySpan.wholeTable(table.id()));
        List<Object[]> batch = new ArrayList<>();
        for (Object[] row = rows.next(); row != null; row = rows.next()) {
            batch.add(row);
            if (batch.size() >= BACKFILL_BATCH_ROWS) {
                IndexBackfill.writeBatch(raw, layout, batch);
                batch.clear();
            }
        }
        IndexBackfill.writeBatch(raw, layout, batch);
    }

    private static void add(Map<Long, List<Mutation>> batches, TableDescriptor table, Mutation m) {
        batches.computeIfAbsent(FragmentRouter.fragmentFor(table, m.key()), k -> new ArrayList<>()).add(m);
    }

    private void writeBatch(TableLayout layout, long fragmentId, List<Mutation> batch) {
        try {
            kv.write(fragmentId, batch);
        } catch (SqlException e) {
            if (!SqlState.UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
            throw describeDuplicate(layout, fragmentId, batch, e);
        }
    }

    /** The KV layer reports a duplicate without naming it: find the key that exists to say which. */
    private SqlException describeDuplicate(TableLayout layout, long fragmentId, List<Mutation> batch, SqlException e) {
        for (Mutation m : batch) {
            if (m instanceof Mutation.PutIfAbsent p) {
                Optional<byte[]> existing = kv.get(fragmentId, p.key());
                if (existing.isPresent()) {
                    return duplicate(layout, layout.decode(p.key(), p.value()));
                }
            }
        }
        return e;
    }

    private static SqlException duplicate(TableLayout layout, Object[] row) {
        TableDescriptor t = layout.table();
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int c : t.primaryKey()) {
            names.add(t.columns().get(c).name());
            values.add(TextFormat.format(row[c], t.columns().get(c).type(), ZoneOffset.UTC));
        }
        return new SqlException(SqlState.UNIQUE_VIOLATION,
                "duplicate key value violates unique constraint \"" + t.name() + "_pkey\"")
                .withDetail("Key (" + String.join(", ", names) + ")=(" + String.join(", ", values) + ") already exists.");
    }

    /**
     * Merges the pieces' streams into one in key order (each fragment returns its share sorted);
     * every piece is read one page of {@link #SCAN_PAGE_KEYS} keys at a time, so memory stays at
     * a page per fragment however large the span. The first pages of all pieces are fetched at
     * once (fragments led by other nodes answer in parallel), later ones as the merge needs them.
     */
    private final class PagedScan implements RowIterator {
        private final TableLayout layout;
        private final MergedEntries entries;

        PagedScan(TableLayout layout, List<FragmentRouter.Piece> pieces) {
            this.layout = layout;
            this.entries = new MergedEntries(pieces.stream().map(PieceCursor::new).toList());
        }

        @Override
        public Object[] next() {
            KvPair pair = entries.next();
            return pair == null ? null : layout.decode(pair.key(), pair.value());
        }
    }

    private void checkInterruption() {
        String reason = interruption.get();
        if (reason != null) {
            throw new SqlException(SqlState.QUERY_CANCELED, reason);
        }
    }

    private static <T> T awaitPage(CompletableFuture<T> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** One fragment's share of a scan, paged. */
    private final class PieceCursor {
        private final FragmentRouter.Piece piece;
        /** Keys asked for in the next read: a caller's smaller first page, then full pages. */
        private int pageKeys;
        private byte[] resumeFrom;
        private List<KvPair> page = List.of();
        private int pageIndex = -1;
        private boolean lastPage;
        /** A page requested ahead of need, or null. */
        private CompletableFuture<List<KvPair>> pending;

        PieceCursor(FragmentRouter.Piece piece) {
            this(piece, SCAN_PAGE_KEYS);
        }

        PieceCursor(FragmentRouter.Piece piece, int firstPageKeys) {
            this.piece = piece;
            this.resumeFrom = piece.start();
            this.pageKeys = firstPageKeys;
        }

        KvPair current() { return page.get(pageIndex); }

        /** Moves to the next pair; false when the piece is exhausted. */
        boolean advance() {
            pageIndex++;
            while (pageIndex >= page.size()) {
                if (lastPage) {
                    return false;
                }
                fetchPage();
            }
            return true;
        }

        void prefetch() {
            byte[] from = resumeFrom;
            int keys = pageKeys;
            pending = CompletableFuture.supplyAsync(() -> kv.scan(piece.fragmentId(), from, piece.end(), keys), FETCHERS);
        }

        private void fetchPage() {
            int asked = pageKeys;
            if (pending != null) {
                page = awaitPage(pending);
                pending = null;
            } else {
                checkInterruption();
                page = kv.scan(piece.fragmentId(), resumeFrom, piece.end(), asked);
            }
            pageKeys = SCAN_PAGE_KEYS;
            pageIndex = 0;
            lastPage = page.size() < asked;
            if (!lastPage) {
                byte[] last = page.get(page.size() - 1).key();
                resumeFrom = Arrays.copyOf(last, last.length + 1); // the smallest key after `last`
            }
        }
    }

    /**
     * Reads through the transaction (a snapshot that settles other transactions' intents, so rows
     * committed but not yet resolved are seen) and writes outside it.
     */
    private record ReadInWriteOutside(KvStore reads, KvStore writes) implements KvStore {
        @Override
        public void write(long fragmentId, List<Mutation> mutations) {
            writes.write(fragmentId, mutations);
        }

        @Override
        public Optional<byte[]> get(long fragmentId, byte[] key) {
            return reads.get(fragmentId, key);
        }

        @Override
        public List<KvPair> scan(long fragmentId, byte[] startKey, byte[] endKey, int limit) {
            return reads.scan(fragmentId, startKey, endKey, limit);
        }
    }
}
