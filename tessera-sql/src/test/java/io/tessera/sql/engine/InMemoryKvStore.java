package io.tessera.sql.engine;

import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.FragmentSpans;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.kv.api.KvPair;
import io.tessera.kv.api.KvStore;
import io.tessera.kv.api.Mutation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only {@link KvStore} honouring the API's contract: sorted scans, atomic batches applied
 * in order, PutIfAbsent failing the whole batch with 23505. It counts calls so that tests can
 * prove a statement wrote one batch per fragment and a key lookup did not scan the table. Its
 * transactions are views that write straight through: SQL unit tests check planning and
 * execution; isolation and atomicity are tested against real nodes in tessera-it.
 */
public final class InMemoryKvStore implements io.tessera.kv.api.TransactionalKvStore {
    private final Map<Long, TreeMap<byte[], byte[]>> fragments = new ConcurrentHashMap<>();
    private final Map<Long, FragmentDescriptor> bounds = new ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger scans = new AtomicInteger();
    final AtomicInteger scannedKeys = new AtomicInteger();

    void addFragment(FragmentDescriptor f) {
        fragments.put(f.id(), new TreeMap<>(Arrays::compareUnsigned));
        bounds.put(f.id(), f);
    }

    void removeFragment(long id) {
        indexOfFragment.remove(id);
        fragments.remove(id);
        bounds.remove(id);
    }

    private TreeMap<byte[], byte[]> fragment(long id) {
        TreeMap<byte[], byte[]> f = fragments.get(id);
        if (f == null) {
            throw new IllegalArgumentException("no fragment " + id);
        }
        return f;
    }

    /** Index entries are routed by their indexed values alone: each index fragment knows its index and table. */
    private final Map<Long, Object[]> indexOfFragment = new java.util.HashMap<>();

    void addIndexFragments(io.tessera.cluster.api.TableDescriptor table, io.tessera.cluster.api.IndexDescriptor index) {
        for (FragmentDescriptor f : index.fragments()) {
            addFragment(f);
            indexOfFragment.put(f.id(), new Object[] {table, index});
        }
    }

    private void checkInFragment(long id, byte[] key) {
        Object[] index = indexOfFragment.get(id);
        if (index != null) {
            long owner = io.tessera.kv.api.FragmentRouter.indexOwner((io.tessera.cluster.api.TableDescriptor) index[0],
                    (io.tessera.cluster.api.IndexDescriptor) index[1], key).id();
            if (owner != id) {
                throw new IllegalArgumentException("index key " + Arrays.toString(key) + " is not in fragment " + id);
            }
            return;
        }
        if (!FragmentSpans.contains(bounds.get(id), FragmentSpans.bucketHash(key))) {
            throw new IllegalArgumentException("key " + Arrays.toString(key) + " is not in fragment " + id);
        }
    }

    @Override
    public synchronized void write(long fragmentId, List<Mutation> mutations) {
        writes.incrementAndGet();
        TreeMap<byte[], byte[]> copy = new TreeMap<>(fragment(fragmentId));
        for (Mutation m : mutations) {
            if (!(m instanceof Mutation.DeleteRange)) {
                checkInFragment(fragmentId, m.key());
            }
            switch (m) {
                case Mutation.Put p -> copy.put(p.key(), p.value());
                case Mutation.PutIfAbsent p -> {
                    if (copy.containsKey(p.key())) {
                        throw new SqlException(SqlState.UNIQUE_VIOLATION, "duplicate key");
                    }
                    copy.put(p.key(), p.value());
                }
                case Mutation.Delete d -> copy.remove(d.key());
                case Mutation.DeleteRange r -> copy.subMap(r.key(), r.endKey()).clear();
            }
        }
        fragments.put(fragmentId, copy);
    }

    @Override
    public synchronized Optional<byte[]> get(long fragmentId, byte[] key) {
        gets.incrementAndGet();
        checkInFragment(fragmentId, key);
        return Optional.ofNullable(fragment(fragmentId).get(key));
    }

    @Override
    public synchronized List<KvPair> scan(long fragmentId, byte[] startKey, byte[] endKey, int limit) {
        scans.incrementAndGet();
        List<KvPair> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : fragment(fragmentId).subMap(startKey, endKey).entrySet()) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            out.add(new KvPair(e.getKey(), e.getValue()));
        }
        scannedKeys.addAndGet(out.size());
        return out;
    }

    /** One {@link #lock} call: the fragment and its keys. */
    record LockCall(long fragmentId, List<byte[]> keys) {}

    /** Every lock call, in order: this store has no transactions, so it records them and holds nothing. */
    final List<LockCall> locks = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void lock(long fragmentId, List<byte[]> keys) {
        for (byte[] key : keys) {
            checkInFragment(fragmentId, key);
        }
        locks.add(new LockCall(fragmentId, List.copyOf(keys)));
    }

    void resetCounters() {
        writes.set(0);
        gets.set(0);
        scans.set(0);
        scannedKeys.set(0);
    }

    @Override
    public io.tessera.kv.api.Transaction begin(io.tessera.kv.api.Transaction.Isolation isolation) {
        InMemoryKvStore store = this;
        return new io.tessera.kv.api.Transaction() {
            @Override public long id() { return 0; }
            @Override public Isolation isolation() { return isolation; }
            @Override public void beginStatement() { }
            @Override public void undoStatement() { }
            @Override public void commit() { }
            @Override public void rollback() { }
            @Override public void write(long fragmentId, List<Mutation> mutations) { store.write(fragmentId, mutations); }
            @Override public Optional<byte[]> get(long fragmentId, byte[] key) { return store.get(fragmentId, key); }
            @Override public List<KvPair> scan(long fragmentId, byte[] startKey, byte[] endKey, int limit) {
                return store.scan(fragmentId, startKey, endKey, limit);
            }
        };
    }
}
