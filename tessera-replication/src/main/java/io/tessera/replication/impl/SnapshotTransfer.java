package io.tessera.replication.impl;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.GroupSpans;
import io.tessera.replication.api.StateMachineFactory;
import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageEngine;
import io.tessera.storage.api.StorageSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.ratis.server.protocol.TermIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a group's state to a follower whose leader purged the log it lacks, over the node RPC
 * ({@link #METHOD}). The source opens a session on one RocksDB snapshot, so the group's applied
 * position and every raw pair of its spans (all MVCC versions, meta keys) are read at one point;
 * the follower pages through the spans, writing each page as a batch, and writes the position last.
 *
 * <p>Protocol (requests start with an op byte): OPEN(uuid) → session, term, index; PAGE(session,
 * space, span index, after?) → pairs (empty = span exhausted); CLOSE(session). Sessions idle for
 * {@link #SESSION_IDLE_MILLIS} are released, so a follower that died mid-transfer pins no snapshot.
 */
final class SnapshotTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTransfer.class);
    static final String METHOD = "raft.snapshot";
    /** 4 MiB of keys and values per page: half the gRPC message limit, leaving room for framing. */
    static final long PAGE_BYTES_MAX = 4L << 20;
    /** A session not used for a minute is released (its RocksDB snapshot pins old versions on disk). */
    static final long SESSION_IDLE_MILLIS = 60_000;
    /** Concurrent transfers served by one node; each pins a RocksDB snapshot. */
    static final int SESSIONS_MAX = 16;

    private static final int OPEN = 0;
    private static final int PAGE = 1;
    private static final int CLOSE = 2;
    private static final int DATA = 0;
    private static final int META = 1;

    static {
        if (2 * PAGE_BYTES_MAX > RatisProperties.GRPC_MESSAGE_SIZE_MAX.getSize()) {
            throw new AssertionError("a snapshot page plus one maximal pair must fit a gRPC message");
        }
    }

    private SnapshotTransfer() {}

    /** One open transfer on the source: the snapshot it reads and when it was last used. */
    private record Session(GroupKey key, GroupSpans spans, StorageSnapshot snapshot, AtomicLong lastUsedNanos) {}

    /** The source side: serves {@link #METHOD} from this node's storage. */
    static final class Source {
        private final StorageEngine storage;
        private final Map<GroupKey.Kind, StateMachineFactory> factories;
        private final Predicate<GroupKey> hosted;
        private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
        private final AtomicLong sessionIds = new AtomicLong();

        Source(StorageEngine storage, Map<GroupKey.Kind, StateMachineFactory> factories, Predicate<GroupKey> hosted,
                ScheduledExecutorService timer) {
            this.storage = storage;
            this.factories = factories;
            this.hosted = hosted;
            timer.scheduleWithFixedDelay(this::expire, SESSION_IDLE_MILLIS / 4, SESSION_IDLE_MILLIS / 4, TimeUnit.MILLISECONDS);
        }

        byte[] handle(byte[] request) {
            ByteReader r = new ByteReader(request);
            return switch (r.get()) {
                case OPEN -> open(new UUID(r.getLong(), r.getLong()));
                case PAGE -> page(session(r.getLong()), r);
                case CLOSE -> close(r.getLong());
                default -> throw new SqlException(SqlState.PROTOCOL_VIOLATION, "unknown snapshot transfer op");
            };
        }

        private byte[] open(UUID uuid) {
            GroupKey key = GroupKey.fromUuid(uuid).orElseThrow(() ->
                    new SqlException(SqlState.PROTOCOL_VIOLATION, "not a Tessera group: " + uuid));
            if (!hosted.test(key)) {
                throw new SqlException(SqlState.CONNECTION_FAILURE, "group " + key + " is not hosted here");
            }
            if (sessions.size() >= SESSIONS_MAX) {
                throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many snapshot transfers in progress");
            }
            GroupSpans spans;
            try {
                spans = factories.get(key.kind()).spans(key);
            } catch (UnsupportedOperationException e) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, e.getMessage());
            }
            StorageSnapshot snapshot = storage.snapshot();
            AppliedIndex.Position position = snapshot.getMeta(AppliedIndex.key(key)).map(AppliedIndex::decode).orElse(null);
            if (position == null) {
                snapshot.close();
                throw new SqlException(SqlState.CONNECTION_FAILURE, "group " + key + " has applied nothing here yet");
            }
            long id = sessionIds.incrementAndGet();
            sessions.put(id, new Session(key, spans, snapshot, new AtomicLong(System.nanoTime())));
            LOG.info("{} snapshot transfer opened session={} index={}", key, id, position.index());
            return new ByteWriter(24).putLong(id).putLong(position.term()).putLong(position.index()).toByteArray();
        }

        private Session session(long id) {
            Session s = sessions.get(id);
            if (s == null) {
                throw new SqlException(SqlState.CONNECTION_FAILURE, "snapshot transfer session " + id + " expired");
            }
            s.lastUsedNanos().set(System.nanoTime());
            return s;
        }

        private static byte[] page(Session s, ByteReader r) {
            int space = r.get();
            int index = r.getInt();
            byte[] after = r.get() == 0 ? null : r.get((int) r.getVarint());
            List<GroupSpans.Span> spans = space == DATA ? s.spans().data() : s.spans().meta();
            if (index < 0 || index >= spans.size()) {
                throw new SqlException(SqlState.PROTOCOL_VIOLATION, "no span " + index + " in group " + s.key());
            }
            GroupSpans.Span span = spans.get(index);
            List<KeyValue> pairs = space == DATA
                    ? s.snapshot().scanRaw(span.start(), span.end(), after, PAGE_BYTES_MAX)
                    : s.snapshot().scanMetaRaw(span.start(), span.end(), after, PAGE_BYTES_MAX);
            ByteWriter w = new ByteWriter(1024).putVarint(pairs.size());
            for (KeyValue kv : pairs) {
                w.putVarint(kv.key().length).put(kv.key()).putVarint(kv.value().length).put(kv.value());
            }
            return w.toByteArray();
        }

        private byte[] close(long id) {
            Session s = sessions.remove(id);
            if (s != null) {
                s.snapshot().close();
                LOG.info("{} snapshot transfer closed session={}", s.key(), id);
            }
            return new byte[0];
        }

        private void expire() {
            long now = System.nanoTime();
            sessions.forEach((id, s) -> {
                if (now - s.lastUsedNanos().get() > TimeUnit.MILLISECONDS.toNanos(SESSION_IDLE_MILLIS)
                        && sessions.remove(id, s)) {
                    s.snapshot().close();
                    LOG.warn("{} snapshot transfer session={} expired unused", s.key(), id);
                }
            });
        }

        void close() {
            sessions.values().forEach(s -> s.snapshot().close());
            sessions.clear();
        }
    }

    /** Calls a node's {@link #METHOD}; blocking, with the RPC's deadline per call. */
    interface Caller {
        byte[] call(String address, byte[] request);
    }

    /**
     * The follower side: replaces this node's spans of the group with the source's, then writes the
     * group's applied position (last, so a crash midway leaves no position and the install is redone).
     */
    static TermIndex install(Caller rpc, String address, GroupKey key, GroupSpans spans, StorageEngine storage) {
        UUID uuid = key.uuid();
        ByteReader opened = new ByteReader(rpc.call(address, new ByteWriter(17).put(OPEN)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).toByteArray()));
        long session = opened.getLong();
        TermIndex position = TermIndex.valueOf(opened.getLong(), opened.getLong());
        try {
            clear(storage, key, spans);
            long pairs = 0;
            for (int i = 0; i < spans.data().size(); i++) {
                pairs += copySpan(rpc, address, session, DATA, i, storage);
            }
            for (int i = 0; i < spans.meta().size(); i++) {
                pairs += copySpan(rpc, address, session, META, i, storage);
            }
            try (StorageBatch batch = storage.newBatch()) {
                AppliedIndex.put(batch, key, position.getTerm(), position.getIndex());
                storage.write(batch);
            }
            storage.syncWal();
            LOG.info("{} snapshot installed from={} index={} pairs={}", key, address, position.getIndex(), pairs);
            return position;
        } finally {
            try {
                rpc.call(address, new ByteWriter(9).put(CLOSE).putLong(session).toByteArray());
            } catch (SqlException | CompletionException e) {
                LOG.warn("{} snapshot transfer close failed from={} error={}", key, address, e.getMessage());
            }
        }
    }

    private static void clear(StorageEngine storage, GroupKey key, GroupSpans spans) {
        try (StorageBatch batch = storage.newBatch()) {
            AppliedIndex.delete(batch, key);
            spans.data().forEach(s -> batch.deleteRange(s.start(), s.end()));
            spans.meta().forEach(s -> batch.deleteMetaRange(s.start(), s.end() == null ? new byte[] {(byte) 0xFF} : s.end()));
            storage.write(batch);
        }
    }

    /** Copies one span page by page; returns the number of pairs. */
    private static long copySpan(Caller rpc, String address, long session, int space, int index, StorageEngine storage) {
        byte[] after = null;
        long count = 0;
        while (true) {
            ByteWriter request = new ByteWriter(32).put(PAGE).putLong(session).put(space).putInt(index);
            if (after == null) {
                request.put(0);
            } else {
                request.put(1).putVarint(after.length).put(after);
            }
            List<KeyValue> page = decodePage(rpc.call(address, request.toByteArray()));
            if (page.isEmpty()) {
                return count;
            }
            try (StorageBatch batch = storage.newBatch()) {
                for (KeyValue kv : page) {
                    if (space == DATA) {
                        batch.putRaw(kv.key(), kv.value());
                    } else {
                        batch.putMeta(kv.key(), kv.value());
                    }
                }
                storage.write(batch);
            }
            count += page.size();
            after = page.get(page.size() - 1).key();
        }
    }

    private static List<KeyValue> decodePage(byte[] reply) {
        ByteReader r = new ByteReader(reply);
        int n = (int) r.getVarint();
        List<KeyValue> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] k = r.get((int) r.getVarint());
            byte[] v = r.get((int) r.getVarint());
            out.add(new KeyValue(k, v));
        }
        return out;
    }
}
