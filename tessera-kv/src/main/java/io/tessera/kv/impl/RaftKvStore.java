package io.tessera.kv.impl;

import io.tessera.kv.api.KvMetrics;
import io.tessera.cluster.api.Cluster;
import io.tessera.replication.api.FragmentRead;
import io.tessera.replication.api.Peer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.time.HybridClock;
import io.tessera.common.types.TextFormat;
import java.time.ZoneOffset;
import io.tessera.kv.api.KvPair;
import io.tessera.kv.api.KvStore;
import io.tessera.kv.api.Mutation;
import io.tessera.replication.api.FragmentCommand;
import io.tessera.replication.api.FragmentKeys;
import io.tessera.replication.api.FragmentOp;
import io.tessera.replication.api.FragmentReply;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.RaftHost;
import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import io.tessera.kv.api.FragmentRouter;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import io.tessera.kv.api.Transaction;
import io.tessera.kv.api.TransactionalKvStore;
import io.tessera.replication.api.TxnCommand;
import io.tessera.replication.api.TxnReads;
import io.tessera.replication.api.TxnRecord;
import io.tessera.replication.api.TxnReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KvStore} of a gateway: a write is one command in the fragment's Raft group (one log
 * entry however many mutations), stamped by the node's hybrid clock, sent to the group's leader
 * wherever it is (the Raft client follows leader changes and retries inside the request deadline).
 *
 * <p>Reads see the latest applied version. When this node leads the fragment they go to its own
 * storage, which the write's reply waits for, so a client reads its own writes; otherwise they are
 * Raft queries answered by the leader (linearizable reads), paged for scans.
 */
public final class RaftKvStore implements TransactionalKvStore {
    /** Bytes of framing per operation in a command, used to check the size limit before encoding. */
    private static final int OP_OVERHEAD_BYTES = 12;
    private static final Logger LOG = LoggerFactory.getLogger(RaftKvStore.class);

    private final KvMetrics metrics;
    private final RaftHost host;
    private final StorageEngine storage;
    private final HybridClock clock;
    private final Catalog catalog;
    private final Cluster cluster;
    /** Which table each fragment belongs to, rebuilt when the catalog version moves. */
    private volatile FragmentIndex fragmentIndex = new FragmentIndex(-1, Map.of());

    private record FragmentIndex(long catalogVersion, Map<Long, TableDescriptor> tableOf) {}

    /** A transaction's record expires this long after its gateway's last heartbeat. */
    public static final long TXN_TTL_MILLIS = 10_000;
    private static final long HEARTBEAT_MILLIS = TXN_TTL_MILLIS / 4;
    /** Waits on other fragments' Raft groups and resolves intents in the background; virtual threads. */
    private static final ExecutorService WORKERS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("txn-", 0).factory());
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "txn-heartbeats");
        t.setDaemon(true);
        return t;
    });

    private final LongSupplier timestamps;
    /** Versions below this timestamp may be garbage-collected: a snapshot older than it is refused. */
    private final LongSupplier gcHorizon;

    /** @param timestamps the cluster's timestamp oracle: snapshot and commit timestamps of transactions */
    public RaftKvStore(RaftHost host, StorageEngine storage, HybridClock clock, LongSupplier timestamps,
            LongSupplier gcHorizon, Catalog catalog, Cluster cluster, KvMetrics metrics) {
        this.timestamps = timestamps;
        this.gcHorizon = gcHorizon;
        this.cluster = cluster;
        this.metrics = metrics;
        this.host = host;
        this.storage = storage;
        this.clock = clock;
        this.catalog = catalog;
    }

    @Override
    public void write(long fragmentId, List<Mutation> mutations) {
        if (mutations.isEmpty()) {
            return;
        }
        checkKeysInFragment(fragmentId, mutations);
        List<FragmentOp> ops = toOps(mutations);
        // The oracle's timestamp, not this node's clock: versions written outside transactions must
        // order with transactions' commits, or a snapshot taken just after could miss them.
        FragmentCommand command = new FragmentCommand(timestamp(), ops);
        FragmentReply reply = FragmentReply.decode(await(submit(fragmentId, command.encode())));
        clock.observe(reply.commitTimestamp());
        metrics.wrote(fragmentId, mutations.size());
        if (!reply.applied()) {
            throw duplicateKey(reply.conflictKey());
        }
    }

    /** A key written to the wrong fragment would be invisible to reads routed correctly: refuse it. */
    void checkKeysInFragment(long fragmentId, List<Mutation> mutations) {
        TableDescriptor table = tableOf(fragmentId);
        for (Mutation m : mutations) {
            if (m instanceof Mutation.DeleteRange || m.key().length == 0
                    || m.key()[0] != KeySpace.TABLE && m.key()[0] != KeySpace.INDEX) {
                continue;
            }
            long owner = m.key()[0] == KeySpace.TABLE ? FragmentRouter.owner(table, m.key()).id()
                    : FragmentRouter.indexOwner(table, indexOf(table, m.key()), m.key()).id();
            if (owner != fragmentId) {
                throw new IllegalArgumentException("a key of fragment " + owner + " was sent to fragment " + fragmentId);
            }
        }
    }

    private static IndexDescriptor indexOf(TableDescriptor table, byte[] indexKey) {
        long indexId = new ByteReader(indexKey, 1, KeySpace.INDEX_KEY_HEADER).getLong();
        for (IndexDescriptor index : table.indexes()) {
            if (index.id() == indexId) {
                return index;
            }
        }
        throw new IllegalArgumentException("a key of index " + indexId + " was sent to a fragment of table " + table.name());
    }

    /** The table owning the fragment: its own, or one of its indexes'. */
    private TableDescriptor tableOf(long fragmentId) {
        FragmentIndex index = fragmentIndex;
        long version = catalog.version();
        if (index.catalogVersion() != version || !index.tableOf().containsKey(fragmentId)) {
            Map<Long, TableDescriptor> tableOf = new HashMap<>();
            for (TableDescriptor t : catalog.tables()) {
                t.allFragments().forEach(f -> tableOf.put(f.id(), t));
            }
            index = new FragmentIndex(version, Map.copyOf(tableOf));
            fragmentIndex = index;
        }
        TableDescriptor table = index.tableOf().get(fragmentId);
        if (table == null) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "fragment %d does not exist (was its table dropped?)", fragmentId);
        }
        return table;
    }

    /** The size limits of one write to one fragment (54000 beyond them). */
    static void checkSize(List<Mutation> mutations) {
        if (mutations.size() > FragmentCommand.OPS_MAX) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "a write to one fragment holds at most %d changes, not %d",
                    FragmentCommand.OPS_MAX, mutations.size());
        }
        long bytes = 0;
        for (Mutation m : mutations) {
            bytes += OP_OVERHEAD_BYTES + m.key().length + valueLength(m);
        }
        if (bytes > FragmentCommand.BYTES_MAX) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "a write to one fragment holds at most %d bytes, not %d", FragmentCommand.BYTES_MAX, bytes)
                    .withHint("Split the statement into smaller batches.");
        }
    }

    private static List<FragmentOp> toOps(List<Mutation> mutations) {
        checkSize(mutations);
        List<FragmentOp> ops = new ArrayList<>(mutations.size());
        for (Mutation m : mutations) {
            ops.add(switch (m) {
                case Mutation.Put p -> new FragmentOp.Put(p.key(), p.value());
                case Mutation.PutIfAbsent p -> new FragmentOp.PutIfAbsent(p.key(), p.value());
                case Mutation.Delete d -> new FragmentOp.Delete(d.key());
                case Mutation.DeleteRange r -> new FragmentOp.DeleteRange(r.key(), r.endKey());
            });
        }
        return ops;
    }

    private static int valueLength(Mutation m) {
        return switch (m) {
            case Mutation.Put p -> p.value().length;
            case Mutation.PutIfAbsent p -> p.value().length;
            case Mutation.Delete d -> 0;
            case Mutation.DeleteRange r -> r.endKey() == null ? 0 : r.endKey().length;
        };
    }

    /** 23505 with PostgreSQL's wording, naming the primary key columns when the key is a table key. */
    SqlException duplicateKey(byte[] key) {
        Optional<TableDescriptor> table = key.length > KeySpace.TABLE_KEY_HEADER && key[0] == KeySpace.TABLE
                ? catalog.table(new ByteReader(key, 1, KeySpace.TABLE_KEY_HEADER).getLong()) : Optional.empty();
        String constraint = table.map(t -> t.name() + "_pkey").orElse("primary key");
        String detail = table.map(t -> describeKey(t, key)).orElse("Key " + HexFormat.of().formatHex(key) + " already exists.");
        return SqlException.of(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \"%s\"", constraint)
                .withDetail(detail);
    }

    private static String describeKey(TableDescriptor table, byte[] key) {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        ByteReader r = new ByteReader(key, KeySpace.TABLE_KEY_HEADER, key.length);
        try {
            for (int column : table.primaryKey()) {
                var c = table.columns().get(column);
                names.add(c.name());
                values.add(TextFormat.format(KeyCodec.decodeValue(r, c.type().kind()), c.type(), ZoneOffset.UTC));
            }
        } catch (IllegalStateException e) {
            return "Key " + HexFormat.of().formatHex(key) + " already exists.";
        }
        return "Key (" + names + ")=(" + values + ") already exists.";
    }

    private CompletableFuture<byte[]> submit(long fragmentId, byte[] command) {
        List<Peer> peers = cluster.peers(fragmentId);
        GroupKey key = GroupKey.fragment(fragmentId);
        return peers.isEmpty() ? host.submit(key, command) : host.submit(key, peers, command);
    }

    private byte[] query(long fragmentId, FragmentRead read) {
        List<Peer> peers = cluster.peers(fragmentId);
        GroupKey key = GroupKey.fragment(fragmentId);
        return await(peers.isEmpty() ? host.query(key, read.encode()) : host.query(key, peers, read.encode()));
    }

    private static byte[] await(CompletableFuture<byte[]> reply) {
        try {
            return reply.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SqlException s ? s
                    : new SqlException(SqlState.CONNECTION_FAILURE, "fragment request failed: " + e.getCause(), e.getCause());
        }
    }

    /** Whether this node leads the fragment and is ready, so its storage holds every acknowledged write. */
    private boolean leadsLocally(long fragmentId) {
        return host.leadsReady(GroupKey.fragment(fragmentId));
    }

    @Override
    public Optional<byte[]> get(long fragmentId, byte[] key) {
        metrics.read(fragmentId);
        if (leadsLocally(fragmentId)) {
            return storage.get(FragmentKeys.storageKey(fragmentId, key), Long.MAX_VALUE);
        }
        return Optional.ofNullable(FragmentRead.decodeValue(query(fragmentId, new FragmentRead.Get(key))));
    }

    @Override
    public List<KvPair> scan(long fragmentId, byte[] startKey, byte[] endKey, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        metrics.read(fragmentId);
        if (!leadsLocally(fragmentId)) {
            return remoteScan(fragmentId, startKey, endKey, limit);
        }
        byte[] start = startKey == null ? FragmentKeys.prefix(fragmentId) : FragmentKeys.storageKey(fragmentId, startKey);
        List<KeyValue> found = storage.scan(start, FragmentKeys.storageEnd(fragmentId, endKey), Long.MAX_VALUE, limit);
        List<KvPair> out = new ArrayList<>(found.size());
        for (KeyValue kv : found) {
            out.add(new KvPair(FragmentKeys.tableKey(kv.key()), kv.value()));
        }
        return out;
    }

    /** A scan at the fragment's leader, a page per query until the span or the limit is exhausted. */
    private List<KvPair> remoteScan(long fragmentId, byte[] startKey, byte[] endKey, int limit) {
        List<KvPair> out = new ArrayList<>();
        byte[] from = startKey;
        while (true) {
            int want = limit == 0 ? FragmentRead.SCAN_PAGE_ROWS : Math.min(FragmentRead.SCAN_PAGE_ROWS, limit - out.size());
            List<FragmentRead.Pair> page = FragmentRead.decodePairs(
                    query(fragmentId, new FragmentRead.Scan(from, endKey, want)));
            page.forEach(p -> out.add(new KvPair(p.key(), p.value())));
            if (page.size() < want || (limit > 0 && out.size() >= limit)) {
                return out;
            }
            byte[] last = page.get(page.size() - 1).key();
            from = java.util.Arrays.copyOf(last, last.length + 1); // the next possible key
        }
    }

    // ---- transactions (see RaftTransaction)

    @Override
    public Transaction begin(Transaction.Isolation isolation) {
        return new RaftTransaction(this, isolation, timestamp());
    }

    long timestamp() {
        long ts = timestamps.getAsLong();
        clock.observe(ts);
        return ts;
    }

    long nowMillis() {
        return System.currentTimeMillis();
    }

    long ttlMillis() {
        return TXN_TTL_MILLIS;
    }

    TxnReply submitTxn(long fragmentId, TxnCommand command) {
        TxnReply reply = TxnReply.decode(await(submit(fragmentId, command.encode())));
        if (command instanceof TxnCommand.WriteIntents w && reply.outcome() == TxnReply.Outcome.OK) {
            metrics.wrote(fragmentId, w.ops().size());
        }
        return reply;
    }

    /** A transactional read, served from this node's storage when it leads the fragment. */
    TxnReads.Result readAt(long fragmentId, FragmentRead read, long readTs) {
        if (readTs < gcHorizon.getAsLong()) {
            throw new SqlException(SqlState.SNAPSHOT_TOO_OLD, "snapshot too old: its versions may have been garbage-collected")
                    .withHint("The transaction ran longer than the node's --gc-window; retry it.");
        }
        metrics.read(fragmentId);
        if (leadsLocally(fragmentId)) {
            return switch (read) {
                case FragmentRead.GetAt g -> TxnReads.get(storage, fragmentId, g.key(), g.readTs(), g.txn());
                case FragmentRead.ScanAt s -> TxnReads.scan(storage, fragmentId, s.start(), s.end(), s.limit(), s.readTs(),
                        s.txn());
                default -> throw new IllegalArgumentException("not a transactional read: " + read);
            };
        }
        return TxnReads.Result.decode(query(fragmentId, read));
    }

    /** The record of a transaction on its primary fragment, or null when it has none (yet). */
    TxnRecord status(long fragmentId, long txn) {
        if (leadsLocally(fragmentId)) {
            return TxnReads.record(storage, fragmentId, txn).orElse(null);
        }
        byte[] value = FragmentRead.decodeValue(query(fragmentId, new FragmentRead.Status(txn)));
        return value == null ? null : TxnRecord.decode(value);
    }

    /** Records of ended transactions (final: they never change), so that readers ask once. */
    private final Map<Long, TxnRecord> finalRecords = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<Long, TxnRecord>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, TxnRecord> eldest) {
                    return size() > 4096;
                }
            });

    /** The record of a transaction that has ended (committed or aborted), or null while it runs or has none. */
    TxnRecord finalRecord(long fragmentId, long txn) {
        TxnRecord known = finalRecords.get(txn);
        if (known != null) {
            return known;
        }
        TxnRecord record = status(fragmentId, txn);
        if (record == null || record.state() == TxnRecord.State.PENDING) {
            return null;
        }
        finalRecords.put(txn, record);
        return record;
    }

    /** Makes the transaction commit at {@code pushTo} or later, or aborts it when it expired; its record after. */
    TxnRecord push(long fragmentId, long txn, long pushTo) {
        return submitTxn(fragmentId, new TxnCommand.Push(txn, pushTo, nowMillis(), ttlMillis())).record();
    }

    /** Clears every intent of a finished transaction from a fragment. */
    void resolveAll(long fragmentId, long txn, TxnRecord record) {
        resolveFrom(fragmentId, txn, record, null);
    }

    /** {@link #resolveAll} from a key on: where a Commit or Abort that hit its limit stopped. */
    void resolveFrom(long fragmentId, long txn, TxnRecord record, byte[] fromKey) {
        boolean committed = record.state() == TxnRecord.State.COMMITTED;
        byte[] from = fromKey;
        while (true) {
            TxnReply reply = submitTxn(fragmentId, new TxnCommand.Resolve(txn, committed, committed ? record.timestamp() : 0,
                    from, RaftTransaction.RESOLVE_LIMIT));
            if (reply.outcome() != TxnReply.Outcome.MORE) {
                return;
            }
            from = reply.key();
        }
    }

    /** {@link #resolveAll} in the background on each fragment; a failure is left to readers. */
    void resolveLater(Collection<Long> fragments, long txn, TxnRecord record) {
        fragments.forEach(fragment -> resolveLater(fragment, txn, record));
    }

    /** Resolutions running in the background, by fragment and transaction: one at a time each. */
    private final java.util.Set<List<Long>> resolving = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@link #resolveAll} in the background, for intents a reader stepped over (once while one runs). */
    void resolveLater(long fragmentId, long txn, TxnRecord record) {
        List<Long> key = List.of(fragmentId, txn);
        if (!resolving.add(key)) {
            return;
        }
        WORKERS.execute(() -> {
            try {
                resolveAll(fragmentId, txn, record);
            } catch (RuntimeException e) {
                LOG.debug("resolving transaction {} on fragment {} failed: {}", txn, fragmentId, e.toString());
            } finally {
                resolving.remove(key);
            }
        });
    }

    /** Runs the action for every fragment at once and waits; the first failure is thrown after all finished. */
    void parallel(Collection<Long> fragments, LongConsumer action) {
        RuntimeException first = null;
        for (CompletableFuture<Void> f : fragments.stream()
                .map(id -> CompletableFuture.runAsync(() -> action.accept(id), WORKERS)).toList()) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Like {@link #parallel}, for clean-ups whose failure later readers repair: failures are logged. */
    void parallelQuietly(Collection<Long> fragments, LongConsumer action) {
        try {
            parallel(fragments, action);
        } catch (RuntimeException e) {
            LOG.info("a transaction clean-up failed (readers will finish it): {}", e.toString());
        }
    }

    /** The transactions this gateway runs that hold locks, completed when they end: local waiters wake at once. */
    private final Map<Long, Running> running = new java.util.concurrent.ConcurrentHashMap<>();

    private record Running(RaftTransaction txn, CompletableFuture<Void> end) {}

    /** Ids of recently ended local transactions (bounded): see {@link #endedHere}. */
    private final java.util.Set<Long> ended = java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<Long, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > 4096;
                }
            });

    void started(RaftTransaction txn) {
        running.put(txn.id(), new Running(txn, new CompletableFuture<>()));
    }

    void ended(long txn) {
        Running r = running.remove(txn);
        if (r != null) {
            synchronized (ended) {
                ended.add(txn);
            }
            r.end().complete(null);
        }
    }

    /**
     * The transaction ran here and has ended: its gateway resolves (or already resolved) its
     * intents itself, so a waiter need not; if one is still in the way, the next write meets it.
     */
    boolean endedHere(long txn) {
        synchronized (ended) {
            return ended.contains(txn);
        }
    }

    /**
     * Whether a transaction this gateway runs has not yet started to commit, so that it will take
     * its commit timestamp after every snapshot taken so far: a reader meeting its intent may skip
     * it without pushing its record (a Raft write).
     */
    boolean commitsAfterNow(long txn) {
        Running r = running.get(txn);
        return r != null && r.txn().commitsAfterNow();
    }

    /**
     * Waits up to {@code millis} for a transaction to end: on its completion when this gateway
     * runs it, else by sleeping (its record on another node is polled by the caller).
     */
    void awaitEnd(long txn, long millis) throws InterruptedException {
        Running r = running.get(txn);
        if (r == null) {
            TimeUnit.MILLISECONDS.sleep(millis);
            return;
        }
        try {
            r.end().get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // still running: the caller polls its record again
        }
    }

    ScheduledFuture<?> scheduleHeartbeat(Runnable beat) {
        return HEARTBEATS.scheduleWithFixedDelay(() -> WORKERS.execute(beat), HEARTBEAT_MILLIS, HEARTBEAT_MILLIS,
                TimeUnit.MILLISECONDS);
    }
}
