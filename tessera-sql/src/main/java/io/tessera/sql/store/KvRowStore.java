package io.tessera.sql.store;

import io.tessera.cluster.api.TableDescriptor;
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
import java.util.function.Supplier;

/**
 * {@link RowStore} directly on {@link KvStore}, without transactions: each statement's changes go
 * out as one {@code KvStore.write} per fragment, atomic per fragment only.
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

    /** Reads and writes different fragments in parallel; virtual threads, as they mostly wait on the network. */
    private static final ExecutorService FETCHERS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scan-fetch-", 0).factory());

    private final KvStore kv;
    private final Supplier<String> interruption;

    /** @param interruption polled between pages; a non-null reason stops the scan with 57014 */
    public KvRowStore(KvStore kv, Supplier<String> interruption) {
        this.kv = kv;
        this.interruption = interruption;
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
        TableLayout layout = new TableLayout(table);
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
        if (batches.size() == 1) {
            batches.forEach((fragment, mutations) -> writeFragment(layout, fragment, mutations));
            return;
        }
        // Fragments are independent Raft groups, often led by different nodes: write them all at once.
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        batches.forEach((fragment, mutations) -> writes.add(
                CompletableFuture.runAsync(() -> writeFragment(layout, fragment, mutations), FETCHERS)));
        RuntimeException first = null;
        for (CompletableFuture<Void> w : writes) {
            try {
                awaitPage(w);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
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

    @Override
    public void truncate(TableDescriptor table) {
        KeySpan whole = KeySpan.wholeTable(table.id());
        for (FragmentRouter.Piece p : FragmentRouter.pieces(table, whole)) {
            kv.write(p.fragmentId(), List.of(new Mutation.DeleteRange(p.start(), p.end())));
        }
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
        private final PriorityQueue<PieceCursor> heads =
                new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.current().key(), b.current().key()));

        PagedScan(TableLayout layout, List<FragmentRouter.Piece> pieces) {
            this.layout = layout;
            List<PieceCursor> cursors = pieces.stream().map(PieceCursor::new).toList();
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

        @Override
        public Object[] next() {
            PieceCursor head = heads.poll();
            if (head == null) {
                return null;
            }
            KvPair pair = head.current();
            if (head.advance()) {
                heads.add(head);
            }
            return layout.decode(pair.key(), pair.value());
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
        private byte[] resumeFrom;
        private List<KvPair> page = List.of();
        private int pageIndex = -1;
        private boolean lastPage;
        /** A page requested ahead of need, or null. */
        private CompletableFuture<List<KvPair>> pending;

        PieceCursor(FragmentRouter.Piece piece) {
            this.piece = piece;
            this.resumeFrom = piece.start();
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
            pending = CompletableFuture.supplyAsync(() -> kv.scan(piece.fragmentId(), from, piece.end(), SCAN_PAGE_KEYS),
                    FETCHERS);
        }

        private void fetchPage() {
            if (pending != null) {
                page = awaitPage(pending);
                pending = null;
            } else {
                checkInterruption();
                page = kv.scan(piece.fragmentId(), resumeFrom, piece.end(), SCAN_PAGE_KEYS);
            }
            pageIndex = 0;
            lastPage = page.size() < SCAN_PAGE_KEYS;
            if (!lastPage) {
                byte[] last = page.get(page.size() - 1).key();
                resumeFrom = Arrays.copyOf(last, last.length + 1); // the smallest key after `last`
            }
        }
    }
}
