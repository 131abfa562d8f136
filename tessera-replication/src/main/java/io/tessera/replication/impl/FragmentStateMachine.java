package io.tessera.replication.impl;

import io.tessera.common.encoding.ByteWriter;
import io.tessera.replication.api.ApplyResult;
import io.tessera.replication.api.FragmentCommand;
import io.tessera.replication.api.FragmentKeys;
import io.tessera.replication.api.FragmentOp;
import io.tessera.replication.api.FragmentRead;
import io.tessera.storage.api.KeyValue;
import io.tessera.replication.api.FragmentReply;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.GroupSpans;
import io.tessera.replication.api.ReplicatedStateMachine;
import io.tessera.replication.api.StateMachineFactory;
import io.tessera.replication.api.TxnCommand;
import io.tessera.replication.api.TxnKeys;
import io.tessera.replication.api.TxnReads;
import io.tessera.replication.api.TxnRecord;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageEngine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fragment replica's state machine: applies {@link FragmentCommand}s to the fragment's storage
 * span. All PutIfAbsent checks run before anything is added to the batch, against storage as left by
 * earlier entries plus the command's own earlier operations, so a conflict leaves no trace.
 */
final class FragmentStateMachine implements ReplicatedStateMachine {
    private static final byte[] TS_PREFIX = "frag/ts/".getBytes(StandardCharsets.US_ASCII);

    private final long fragmentId;
    private final StorageEngine storage;
    /** The timestamp of the last applied command; versions must follow log order. Read by queries too. */
    private volatile long lastTimestamp;
    private final TxnApplier transactions;

    FragmentStateMachine(long fragmentId, StorageEngine storage) {
        this.fragmentId = fragmentId;
        this.storage = storage;
        this.transactions = new TxnApplier(fragmentId, storage);
        this.lastTimestamp = storage.getMeta(timestampKey(fragmentId))
                .map(v -> ByteBuffer.wrap(v).getLong()).orElse(0L);
    }

    static StateMachineFactory factory() {
        return new StateMachineFactory() {
            @Override
            public ReplicatedStateMachine open(GroupKey key, StorageEngine storage) {
                return new FragmentStateMachine(key.id(), storage);
            }

            @Override
            public void destroy(GroupKey key, StorageBatch batch) {
                batch.deleteRange(FragmentKeys.prefix(key.id()), FragmentKeys.storageEnd(key.id(), null));
                batch.deleteMeta(timestampKey(key.id()));
                batch.deleteMetaRange(TxnKeys.lockPrefix(key.id()), TxnKeys.lockEnd(key.id(), null));
                batch.deleteMetaRange(TxnKeys.recordPrefix(key.id()), TxnKeys.recordEnd(key.id()));
                batch.deleteMetaRange(TxnKeys.txnLocksPrefix(key.id()), TxnKeys.txnLocksEnd(key.id()));
            }

            @Override
            public GroupSpans spans(GroupKey key) {
                return new GroupSpans(List.of(new GroupSpans.Span(FragmentKeys.prefix(key.id()),
                        FragmentKeys.storageEnd(key.id(), null))), List.of(GroupSpans.Span.single(timestampKey(key.id())),
                        new GroupSpans.Span(TxnKeys.lockPrefix(key.id()), TxnKeys.lockEnd(key.id(), null)),
                        new GroupSpans.Span(TxnKeys.recordPrefix(key.id()), TxnKeys.recordEnd(key.id())),
                        new GroupSpans.Span(TxnKeys.txnLocksPrefix(key.id()), TxnKeys.txnLocksEnd(key.id()))));
            }
        };
    }

    static byte[] timestampKey(long fragmentId) {
        return new ByteWriter(TS_PREFIX.length + 8).put(TS_PREFIX).putLong(fragmentId).toByteArray();
    }

    @Override
    public ApplyResult apply(long index, byte[] command, StorageBatch batch) {
        if (TxnCommand.isTxnCommand(command)) {
            return ApplyResult.of(transactions.apply(TxnCommand.decode(command), batch).encode());
        }
        FragmentCommand cmd = FragmentCommand.decode(command);
        long ts = Math.max(cmd.timestamp(), lastTimestamp + 1);
        byte[] conflict = firstConflict(cmd.ops());
        if (conflict != null) {
            return ApplyResult.of(new FragmentReply(ts, conflict).encode());
        }
        for (FragmentOp op : cmd.ops()) {
            byte[] key = FragmentKeys.storageKey(fragmentId, op.key());
            switch (op) {
                case FragmentOp.Put p -> batch.put(key, ts, p.value());
                case FragmentOp.PutIfAbsent p -> batch.put(key, ts, p.value());
                case FragmentOp.Delete d -> batch.tombstone(key, ts);
                case FragmentOp.DeleteRange r -> {
                    batch.deleteRange(key, FragmentKeys.storageEnd(fragmentId, r.endKey()));
                    // Intents in the range go too, or resolving them later would bring rows back.
                    batch.deleteMetaRange(TxnKeys.lock(fragmentId, r.key()), TxnKeys.lockEnd(fragmentId, r.endKey()));
                }
            }
        }
        batch.putMeta(timestampKey(fragmentId), new ByteWriter(8).putLong(ts).toByteArray());
        return new ApplyResult(new FragmentReply(ts, null).encode(), () -> lastTimestamp = ts);
    }

    /** The key of the first PutIfAbsent that would find a live version, or null. */
    private byte[] firstConflict(List<FragmentOp> ops) {
        Map<ByteBuffer, Boolean> written = new HashMap<>();
        List<byte[][]> deletedRanges = new ArrayList<>();
        for (FragmentOp op : ops) {
            switch (op) {
                case FragmentOp.PutIfAbsent p -> {
                    if (isLive(p.key(), written, deletedRanges)) {
                        return p.key();
                    }
                    written.put(ByteBuffer.wrap(p.key()), true);
                }
                case FragmentOp.Put p -> written.put(ByteBuffer.wrap(p.key()), true);
                case FragmentOp.Delete d -> written.put(ByteBuffer.wrap(d.key()), false);
                case FragmentOp.DeleteRange r -> {
                    written.keySet().removeIf(k -> inRange(k.array(), r.key(), r.endKey()));
                    deletedRanges.add(new byte[][] {r.key(), r.endKey()});
                }
            }
        }
        return null;
    }

    private boolean isLive(byte[] key, Map<ByteBuffer, Boolean> written, List<byte[][]> deletedRanges) {
        Boolean inBatch = written.get(ByteBuffer.wrap(key));
        if (inBatch != null) {
            return inBatch;
        }
        for (byte[][] range : deletedRanges) {
            if (inRange(key, range[0], range[1])) {
                return false;
            }
        }
        return storage.get(FragmentKeys.storageKey(fragmentId, key), Long.MAX_VALUE).isPresent();
    }

    private static boolean inRange(byte[] key, byte[] start, byte[] end) {
        return Arrays.compareUnsigned(key, start) >= 0 && (end == null || Arrays.compareUnsigned(key, end) < 0);
    }

    /**
     * Reads of the applied state for gateways that do not lead the fragment; the empty request
     * answers "the timestamp applied last".
     */
    @Override
    public byte[] query(byte[] request) {
        FragmentRead read = FragmentRead.decode(request);
        return switch (read) {
            case null -> new ByteWriter(8).putLong(lastTimestamp).toByteArray();
            case FragmentRead.Get g -> FragmentRead.encodeValue(
                    storage.get(FragmentKeys.storageKey(fragmentId, g.key()), Long.MAX_VALUE).orElse(null));
            case FragmentRead.GetAt g -> TxnReads.get(storage, fragmentId, g.key(), g.readTs(), g.txn()).encode();
            case FragmentRead.ScanAt s -> TxnReads.scan(storage, fragmentId, s.start(), s.end(), s.limit(), s.readTs(),
                    s.txn()).encode();
            case FragmentRead.Status s -> FragmentRead.encodeValue(
                    TxnReads.record(storage, fragmentId, s.txn()).map(TxnRecord::encode).orElse(null));
            case FragmentRead.Scan s -> {
                byte[] start = s.start() == null ? FragmentKeys.prefix(fragmentId) : FragmentKeys.storageKey(fragmentId, s.start());
                List<FragmentRead.Pair> pairs = new ArrayList<>();
                for (KeyValue kv : storage.scan(start, FragmentKeys.storageEnd(fragmentId, s.end()), Long.MAX_VALUE, s.limit())) {
                    pairs.add(new FragmentRead.Pair(FragmentKeys.tableKey(kv.key()), kv.value()));
                }
                yield FragmentRead.encodePairs(pairs);
            }
        };
    }

    @Override
    public void close() {
        // Nothing to release: storage belongs to the node.
    }
}
