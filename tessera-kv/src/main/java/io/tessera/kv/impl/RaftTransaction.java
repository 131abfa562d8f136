package io.tessera.kv.impl;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.kv.api.KvPair;
import io.tessera.kv.api.Mutation;
import io.tessera.kv.api.Transaction;
import io.tessera.kv.api.WriteConflict;
import io.tessera.replication.api.FragmentRead;
import io.tessera.replication.api.Intent;
import io.tessera.replication.api.TxnCommand;
import io.tessera.replication.api.TxnReads;
import io.tessera.replication.api.TxnRecord;
import io.tessera.replication.api.TxnReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction run by this gateway over the fragments' Raft groups (see the package
 * documentation for the protocol): intents at statement time, a record on the primary fragment,
 * commit by one Raft entry on the primary, then the other fragments' intents resolved.
 */
final class RaftTransaction implements Transaction {
    private static final Logger LOG = LoggerFactory.getLogger(RaftTransaction.class);

    /** Intents a Commit, Abort or Resolve turns into versions per Raft entry. */
    static final int RESOLVE_LIMIT = 10_000;
    /**
     * After waiting this long for a lock (PostgreSQL's deadlock_timeout), a transaction records
     * whom it waits for and starts looking for a cycle of waits.
     */
    static final long DEADLOCK_WAIT_MILLIS = 1_000;
    /** Transactions followed along a chain of waits before giving up on finding a cycle. */
    static final int DEADLOCK_CHAIN_MAX = 16;
    /** How often a long wait looks for a cycle again. */
    private static final long DEADLOCK_CHECK_MILLIS = 200;
    /** The longest any lock wait lasts. */
    static final long LOCK_WAIT_MAX_MILLIS = 60_000;
    private static final long BACKOFF_MAX_MILLIS = 20;

    private record Primary(long fragmentId, byte[] key) {}

    private final RaftKvStore kv;
    private final Isolation isolation;
    private final long id;
    private volatile long readTs;
    private int seq;
    private boolean firstStatement = true;
    private volatile Primary primary;
    private volatile boolean recordCreated;
    /** Fragments that may hold this transaction's intents (added before the write is sent). */
    private final Set<Long> written = ConcurrentHashMap.newKeySet();
    /** The fragments the current statement wrote: what undoing it must visit. */
    private final Set<Long> writtenByStatement = ConcurrentHashMap.newKeySet();
    /** Set before the commit timestamp is taken: until then a reader knows it will commit after its snapshot. */
    private volatile boolean committing;
    private volatile boolean abortedByOthers;
    /** The transaction this one waits for, published in its record (0: none) once the wait is long. */
    private volatile long waitingFor;
    private volatile long waitingForPrimary;
    /** A transaction ended on this gateway that this one left to resolve its own intents, once. */
    private volatile long trustedToResolve;
    private ScheduledFuture<?> heartbeat;
    private boolean ended;

    RaftTransaction(RaftKvStore kv, Isolation isolation, long id) {
        this.kv = kv;
        this.isolation = isolation;
        this.id = id;
        this.readTs = id;
    }

    @Override public long id() { return id; }

    @Override public Isolation isolation() { return isolation; }

    @Override
    public void beginStatement() {
        checkOpen();
        seq++;
        writtenByStatement.clear();
        if (isolation == Isolation.READ_COMMITTED && !firstStatement) {
            readTs = kv.timestamp();
        }
        firstStatement = false;
    }

    @Override
    public void undoStatement() {
        checkOpen();
        kv.parallel(writtenByStatement, fragment -> kv.submitTxn(fragment, new TxnCommand.UndoStatement(id, seq)));
    }

    // ---- writes

    @Override
    public void write(long fragmentId, List<Mutation> mutations) {
        checkOpen();
        if (mutations.isEmpty()) {
            return;
        }
        kv.checkKeysInFragment(fragmentId, mutations);
        List<TxnCommand.Op> ops = new ArrayList<>(mutations.size());
        for (Mutation m : mutations) {
            ops.add(switch (m) {
                case Mutation.Put p -> new TxnCommand.Op(TxnCommand.OpKind.PUT, p.key(), p.value());
                case Mutation.PutIfAbsent p -> new TxnCommand.Op(TxnCommand.OpKind.PUT_IF_ABSENT, p.key(), p.value());
                case Mutation.Delete d -> new TxnCommand.Op(TxnCommand.OpKind.DELETE, d.key(), null);
                case Mutation.DeleteRange r -> throw new IllegalArgumentException("range deletes are not transactional");
            });
        }
        RaftKvStore.checkSize(mutations);
        writeIntents(fragmentId, ops);
    }

    @Override
    public void lock(long fragmentId, List<byte[]> keys) {
        checkOpen();
        if (keys.isEmpty()) {
            return;
        }
        writeIntents(fragmentId, keys.stream().map(k -> new TxnCommand.Op(TxnCommand.OpKind.LOCK, k, null)).toList());
    }

    private void writeIntents(long fragmentId, List<TxnCommand.Op> ops) {
        Primary p = primaryFor(fragmentId, ops.get(0).key());
        boolean onPrimary = p.fragmentId() == fragmentId;
        long checkTs = isolation == Isolation.SNAPSHOT ? id : readTs;
        written.add(fragmentId); // before sending: a write whose reply is lost may still have applied
        long waitStart = 0;
        while (true) {
            TxnReply reply = kv.submitTxn(fragmentId, new TxnCommand.WriteIntents(id, p.fragmentId(), p.key(), onPrimary,
                    checkTs, kv.nowMillis(), kv.ttlMillis(), seq, ops));
            switch (reply.outcome()) {
                case OK -> {
                    writtenByStatement.add(fragmentId);
                    if (onPrimary) {
                        recordWritten();
                    }
                    return;
                }
                case LOCKED -> {
                    waitStart = waitStart == 0 ? System.nanoTime() : waitStart;
                    waitFor(fragmentId, reply.holder(), waitStart);
                }
                case WRITE_TOO_OLD -> throw new WriteConflict();
                case DUPLICATE -> throw kv.duplicateKey(reply.key());
                case ABORTED -> throw abortedError();
                case MORE -> throw new IllegalStateException("unexpected reply to a write: " + reply.outcome());
            }
        }
    }

    private synchronized Primary primaryFor(long fragmentId, byte[] key) {
        if (primary == null) {
            primary = new Primary(fragmentId, key);
        }
        return primary;
    }

    private synchronized void recordWritten() {
        recordCreated = true;
        if (heartbeat == null && !ended) {
            heartbeat = kv.scheduleHeartbeat(this::heartbeat);
            kv.started(this);
        }
    }

    private void heartbeat() {
        try {
            TxnReply reply = kv.submitTxn(primary.fragmentId(),
                    new TxnCommand.Heartbeat(id, kv.nowMillis() + kv.ttlMillis(), waitingFor, waitingForPrimary));
            if (reply.record() != null && reply.record().state() == TxnRecord.State.ABORTED) {
                abortedByOthers = true;
            }
        } catch (RuntimeException e) {
            LOG.debug("heartbeat of transaction {} failed: {}", id, e.toString());
        }
    }

    /**
     * Waits until the transaction holding a key ends, then clears its intents from the fragment
     * (as committed or aborted), so the write can be sent again. After
     * {@link #DEADLOCK_WAIT_MILLIS} the wait is published in this transaction's record and the
     * chain of waits is followed from the holder: if it leads back here, the youngest transaction
     * of the cycle gives up with 40P01 (every member sees the same cycle, so exactly one does).
     */
    private void waitFor(long fragmentId, Intent holder, long waitStartNanos) {
        long backoff = 1;
        long lastDeadlockCheck = 0;
        try {
            while (true) {
                TxnRecord record = kv.status(holder.primaryFragment(), holder.txn());
                if (record == null
                        || record.state() == TxnRecord.State.PENDING && record.expiresAtMillis() < kv.nowMillis()) {
                    record = kv.push(holder.primaryFragment(), holder.txn(), 0);
                }
                if (record.state() != TxnRecord.State.PENDING) {
                    if (holder.txn() == trustedToResolve || !kv.endedHere(holder.txn())) {
                        kv.resolveAll(fragmentId, holder.txn(), record);
                    } else {
                        trustedToResolve = holder.txn(); // once: met again, its intents get resolved here
                    }
                    return;
                }
                long waitedMillis = (System.nanoTime() - waitStartNanos) / 1_000_000;
                if (waitedMillis > DEADLOCK_WAIT_MILLIS && waitedMillis - lastDeadlockCheck >= DEADLOCK_CHECK_MILLIS) {
                    lastDeadlockCheck = waitedMillis;
                    checkDeadlock(holder, record, waitedMillis);
                }
                if (waitedMillis > LOCK_WAIT_MAX_MILLIS) {
                    throw new SqlException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock: transaction "
                            + holder.txn() + " held it for more than " + LOCK_WAIT_MAX_MILLIS / 1000 + " s");
                }
                checkInterrupted();
                awaitEnd(holder.txn(), backoff);
                backoff = Math.min(BACKOFF_MAX_MILLIS, backoff * 2);
            }
        } finally {
            if (waitingFor != 0) {
                waitingFor = 0;
                publishWait();
            }
        }
    }

    private void checkDeadlock(Intent holder, TxnRecord holderRecord, long waitedMillis) {
        if (!recordCreated) {
            return; // without a record this transaction holds no lock anyone could wait for
        }
        if (waitingFor != holder.txn()) {
            waitingFor = holder.txn();
            waitingForPrimary = holder.primaryFragment();
            publishWait();
        }
        long youngest = Math.max(id, holder.txn());
        TxnRecord next = holderRecord;
        for (int hop = 0; hop < DEADLOCK_CHAIN_MAX && next != null && next.state() == TxnRecord.State.PENDING
                && next.waitingFor() != 0; hop++) {
            if (next.waitingFor() == id) {
                if (youngest == id) {
                    throw new SqlException(SqlState.DEADLOCK_DETECTED, "deadlock detected")
                            .withDetail("Transaction " + id + " waited " + waitedMillis + " ms for transaction "
                                    + holder.txn() + ", which waits, directly or not, for it; the youngest gives up.")
                            .withHint("Retry the transaction.");
                }
                return;
            }
            youngest = Math.max(youngest, next.waitingFor());
            next = kv.status(next.waitingForPrimary(), next.waitingFor());
        }
    }

    private void publishWait() {
        try {
            kv.submitTxn(primary.fragmentId(),
                    new TxnCommand.Heartbeat(id, kv.nowMillis() + kv.ttlMillis(), waitingFor, waitingForPrimary));
        } catch (RuntimeException e) {
            LOG.debug("publishing the wait of transaction {} failed: {}", id, e.toString());
        }
    }

    // ---- reads

    @Override
    public Optional<byte[]> get(long fragmentId, byte[] key) {
        checkOpen();
        TxnReads.Result result = kv.readAt(fragmentId, new FragmentRead.GetAt(key, readTs, id), readTs);
        List<FragmentRead.Pair> pairs = settle(fragmentId, result);
        return pairs.isEmpty() ? Optional.empty() : Optional.of(pairs.get(0).value());
    }

    @Override
    public List<KvPair> scan(long fragmentId, byte[] startKey, byte[] endKey, int limit) {
        checkOpen();
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        List<KvPair> out = new ArrayList<>();
        byte[] from = startKey;
        while (true) {
            int page = limit == 0 ? FragmentRead.SCAN_PAGE_ROWS : Math.min(FragmentRead.SCAN_PAGE_ROWS, limit - out.size());
            TxnReads.Result result = kv.readAt(fragmentId, new FragmentRead.ScanAt(from, endKey, page, readTs, id), readTs);
            for (FragmentRead.Pair p : settle(fragmentId, result)) {
                out.add(new KvPair(p.key(), p.value()));
            }
            if (result.versionsRead() < page || limit > 0 && out.size() >= limit) {
                return limit > 0 && out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
            }
            byte[] last = result.lastVersionKey();
            from = Arrays.copyOf(last, last.length + 1); // the next possible key
        }
    }

    /**
     * The pairs a read returned, with other transactions' intents settled: one that committed at or
     * below the read timestamp shows its value; any other is pushed above the read timestamp (so it
     * commits later, if at all) and the committed value stands.
     */
    private List<FragmentRead.Pair> settle(long fragmentId, TxnReads.Result result) {
        if (result.foreign().isEmpty()) {
            return result.pairs();
        }
        TreeMap<byte[], byte[]> merged = new TreeMap<>(Arrays::compareUnsigned);
        result.pairs().forEach(p -> merged.put(p.key(), p.value()));
        Map<Long, TxnRecord> records = new HashMap<>();
        Set<Long> resolving = new java.util.HashSet<>();
        for (TxnReads.Foreign f : result.foreign()) {
            Intent intent = f.intent();
            TxnRecord record = records.computeIfAbsent(intent.txn(), txn -> recordForRead(intent));
            if (record.state() == TxnRecord.State.COMMITTED && record.timestamp() <= readTs) {
                if (intent.kind() == Intent.Kind.PUT) {
                    merged.put(f.key(), intent.value());
                } else {
                    merged.remove(f.key());
                }
            }
            if (record.state() != TxnRecord.State.PENDING && resolving.add(intent.txn())) {
                kv.resolveLater(fragmentId, intent.txn(), record);
            }
        }
        List<FragmentRead.Pair> out = new ArrayList<>(merged.size());
        merged.forEach((k, v) -> out.add(new FragmentRead.Pair(k, v)));
        return out;
    }

    /**
     * What a reader needs to know of the transaction owning an intent: its final record when it
     * has ended, else a promise (pushed into its record, unless it runs here and has not begun to
     * commit) that it commits above this read's timestamp.
     */
    private TxnRecord recordForRead(Intent intent) {
        long txn = intent.txn();
        if (kv.commitsAfterNow(txn)) {
            return new TxnRecord(TxnRecord.State.PENDING, readTs + 1, 0);
        }
        TxnRecord known = kv.finalRecord(intent.primaryFragment(), txn);
        return known != null ? known : kv.push(intent.primaryFragment(), txn, readTs + 1);
    }

    // ---- end

    /** Whether this transaction will take its commit timestamp only after the caller's snapshot (see {@link #committing}). */
    boolean commitsAfterNow() {
        return !committing && !ended;
    }

    @Override
    public void commit() {
        checkOpen();
        committing = true;
        ended = true;
        stopHeartbeat();
        try {
            commitWrites();
        } finally {
            kv.ended(id);
        }
    }

    private void commitWrites() {
        if (written.isEmpty()) {
            return;
        }
        if (abortedByOthers) {
            rollbackIntents();
            throw abortedError();
        }
        if (!recordCreated) {
            ensureRecord();
        }
        TxnRecord record = commitPrimary(kv.timestamp());
        if (record.state() != TxnRecord.State.COMMITTED) {
            rollbackIntents();
            throw abortedError();
        }
        Set<Long> others = new java.util.HashSet<>(written);
        others.remove(primary.fragmentId());
        // Committed once the record says so: the other fragments' intents are resolved after the
        // reply (readers meanwhile settle them through the record, as after a gateway crash).
        kv.resolveLater(others, id, record);
    }

    /** The primary's record after Commit; on an ambiguous failure the record is asked for until it answers. */
    private TxnRecord commitPrimary(long commitTs) {
        long fragment = primary.fragmentId();
        TxnReply reply;
        try {
            reply = kv.submitTxn(fragment, new TxnCommand.Commit(id, commitTs, RESOLVE_LIMIT));
        } catch (SqlException e) {
            TxnRecord record = statusAfterFailure(fragment);
            if (record == null || record.state() == TxnRecord.State.PENDING) {
                throw new SqlException(SqlState.STATEMENT_COMPLETION_UNKNOWN, "the outcome of COMMIT is unknown: " + e.getMessage(), e)
                        .withHint("The transaction may or may not have committed; check before retrying it.");
            }
            if (record.state() == TxnRecord.State.COMMITTED) {
                kv.resolveAll(fragment, id, record);
            }
            return record;
        }
        if (reply.outcome() == TxnReply.Outcome.MORE) {
            kv.resolveFrom(fragment, id, reply.record(), reply.key());
        }
        return reply.record() == null ? new TxnRecord(TxnRecord.State.ABORTED, 0, 0) : reply.record();
    }

    private TxnRecord statusAfterFailure(long fragment) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return kv.status(fragment, id);
            } catch (SqlException again) {
                sleep(200);
            }
        }
        return null;
    }

    /** A transaction whose writes all went elsewhere than the primary fragment still needs its record there. */
    private void ensureRecord() {
        Primary p = primary;
        TxnReply reply = kv.submitTxn(p.fragmentId(), new TxnCommand.WriteIntents(id, p.fragmentId(), p.key(), true,
                Long.MAX_VALUE, kv.nowMillis(), kv.ttlMillis(), seq, List.of()));
        if (reply.outcome() != TxnReply.Outcome.OK) {
            rollbackIntents();
            throw abortedError();
        }
        recordCreated = true;
    }

    @Override
    public void rollback() {
        if (ended) {
            return;
        }
        ended = true;
        stopHeartbeat();
        try {
            if (!written.isEmpty()) {
                rollbackIntents();
            }
        } finally {
            kv.ended(id);
        }
    }

    private void rollbackIntents() {
        Primary p = primary;
        try {
            TxnReply reply = kv.submitTxn(p.fragmentId(), new TxnCommand.Abort(id, RESOLVE_LIMIT));
            if (reply.record() != null && reply.record().state() == TxnRecord.State.COMMITTED) {
                return; // a commit whose reply was lost won: nothing to roll back
            }
            if (reply.outcome() == TxnReply.Outcome.MORE) {
                kv.resolveFrom(p.fragmentId(), id, reply.record(), reply.key());
            }
        } catch (SqlException e) {
            LOG.info("rollback of transaction {} could not reach its primary fragment {}: {}", id, p.fragmentId(),
                    e.getMessage());
            return; // the record stays PENDING and expires; readers and writers then abort it
        }
        Set<Long> others = new java.util.HashSet<>(written);
        others.remove(p.fragmentId());
        TxnRecord aborted = new TxnRecord(TxnRecord.State.ABORTED, 0, 0);
        kv.parallelQuietly(others, fragment -> kv.resolveAll(fragment, id, aborted));
    }

    private synchronized void stopHeartbeat() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
    }

    private SqlException abortedError() {
        return new SqlException(SqlState.SERIALIZATION_FAILURE,
                "could not serialize access: the transaction was aborted by a conflicting transaction")
                .withDetail("Its locks were taken over after it stopped heartbeating for " + kv.ttlMillis() + " ms.")
                .withHint("Retry the transaction.");
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("transaction " + id + " has ended");
        }
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement: interrupted while waiting for a lock");
        }
    }

    private void awaitEnd(long txn, long millis) {
        try {
            kv.awaitEnd(txn, millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement: interrupted while waiting for a lock");
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement: interrupted while waiting for a lock");
        }
    }
}
