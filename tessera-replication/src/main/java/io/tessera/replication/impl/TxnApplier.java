package io.tessera.replication.impl;

import io.tessera.replication.api.FragmentKeys;
import io.tessera.replication.api.Intent;
import io.tessera.replication.api.TxnCommand;
import io.tessera.replication.api.TxnKeys;
import io.tessera.replication.api.TxnReads;
import io.tessera.replication.api.TxnRecord;
import io.tessera.replication.api.TxnReply;
import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageEngine;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link TxnCommand}s to a fragment replica: intents and transaction records in the
 * fragment's meta spans ({@link TxnKeys}), committed values as versions at the commit timestamp.
 * Deterministic (the command carries the clock readings it needs), so every replica agrees; a
 * command answering a conflict adds nothing to the batch.
 */
final class TxnApplier {
    /** Locks read per page while looking for one transaction's intents. */
    private static final int LOCK_PAGE = 1_000;

    private final long fragmentId;
    private final StorageEngine storage;

    TxnApplier(long fragmentId, StorageEngine storage) {
        this.fragmentId = fragmentId;
        this.storage = storage;
    }

    TxnReply apply(TxnCommand command, StorageBatch batch) {
        return switch (command) {
            case TxnCommand.WriteIntents w -> writeIntents(w, batch);
            case TxnCommand.Commit c -> commit(c, batch);
            case TxnCommand.Abort a -> abort(a, batch);
            case TxnCommand.Resolve r -> {
                byte[] next = resolve(r.txn(), r.committed(), r.commitTs(), r.fromKey(), r.limit(), batch);
                yield next == null ? TxnReply.ok() : TxnReply.of(TxnReply.Outcome.MORE, next);
            }
            case TxnCommand.Push p -> push(p, batch);
            case TxnCommand.Heartbeat h -> heartbeat(h, batch);
            case TxnCommand.UndoStatement u -> undo(u, batch);
        };
    }

    private TxnReply writeIntents(TxnCommand.WriteIntents w, StorageBatch batch) {
        TxnRecord record = null;
        if (w.createRecord()) {
            record = TxnReads.record(storage, fragmentId, w.txn()).orElse(null);
            if (record != null && record.state() != TxnRecord.State.PENDING) {
                return TxnReply.of(TxnReply.Outcome.ABORTED, w.primaryKey());
            }
        }
        List<byte[]> lockKeys = new ArrayList<>(w.ops().size());
        List<byte[]> storageKeys = new ArrayList<>(w.ops().size());
        for (TxnCommand.Op op : w.ops()) {
            lockKeys.add(TxnKeys.lock(fragmentId, op.key()));
            storageKeys.add(FragmentKeys.storageKey(fragmentId, op.key()));
        }
        List<byte[]> locks = storage.getMetas(lockKeys);
        List<StorageEngine.Newest> newest = storage.newestVersions(storageKeys);
        Map<ByteBuffer, Intent> written = new LinkedHashMap<>();
        for (int i = 0; i < w.ops().size(); i++) {
            TxnCommand.Op op = w.ops().get(i);
            ByteBuffer lockKey = ByteBuffer.wrap(lockKeys.get(i));
            Intent current = written.containsKey(lockKey) ? written.get(lockKey)
                    : locks.get(i) == null ? null : Intent.decode(locks.get(i));
            if (current != null && current.txn() != w.txn()) {
                return new TxnReply(TxnReply.Outcome.LOCKED, op.key(), current, null);
            }
            StorageEngine.Newest version = newest.get(i);
            if (current == null && version != null && version.timestamp() > w.checkTs()) {
                return TxnReply.of(TxnReply.Outcome.WRITE_TOO_OLD, op.key());
            }
            if (op.kind() == TxnCommand.OpKind.PUT_IF_ABSENT && liveFor(current, version)) {
                return TxnReply.of(TxnReply.Outcome.DUPLICATE, op.key());
            }
            if (op.kind() == TxnCommand.OpKind.LOCK && current != null) {
                continue; // the transaction already holds the key
            }
            written.put(lockKey, intent(w, op, current));
        }
        for (int i = 0; i < w.ops().size(); i++) {
            Intent intent = written.remove(ByteBuffer.wrap(lockKeys.get(i)));
            if (intent != null) {
                batch.putMeta(lockKeys.get(i), intent.encode());
                if (locks.get(i) == null) {
                    batch.putMeta(TxnKeys.txnLock(fragmentId, w.txn(), w.ops().get(i).key()), new byte[0]);
                }
            }
        }
        if (w.createRecord()) {
            long least = record == null ? 0 : record.timestamp();
            long expires = Math.max(record == null ? 0 : record.expiresAtMillis(), w.nowMillis() + w.ttlMillis());
            batch.putMeta(TxnKeys.record(fragmentId, w.txn()), new TxnRecord(TxnRecord.State.PENDING, least, expires,
                    record == null ? 0 : record.waitingFor(), record == null ? 0 : record.waitingForPrimary()).encode());
        }
        return TxnReply.ok();
    }

    /** Whether the transaction holding {@code current} (or nobody) sees a live row at the key. */
    private static boolean liveFor(Intent current, StorageEngine.Newest version) {
        if (current != null && current.kind() != Intent.Kind.LOCK) {
            return current.kind() == Intent.Kind.PUT;
        }
        return version != null && version.live();
    }

    private static Intent intent(TxnCommand.WriteIntents w, TxnCommand.Op op, Intent current) {
        Intent.Kind kind = switch (op.kind()) {
            case PUT, PUT_IF_ABSENT -> Intent.Kind.PUT;
            case DELETE -> Intent.Kind.DELETE;
            case LOCK -> Intent.Kind.LOCK;
        };
        Intent.Kind prevKind = null;
        byte[] prevValue = null;
        if (current != null) {
            boolean sameStatement = current.seq() == w.seq();
            prevKind = sameStatement ? current.prevKind() : current.kind();
            prevValue = sameStatement ? current.prevValue() : current.value();
        }
        return new Intent(w.txn(), w.primaryFragment(), w.primaryKey(), kind, op.value(), w.seq(), prevKind, prevValue);
    }

    private TxnReply commit(TxnCommand.Commit c, StorageBatch batch) {
        TxnRecord record = TxnReads.record(storage, fragmentId, c.txn()).orElse(null);
        if (record == null || record.state() == TxnRecord.State.ABORTED) {
            return new TxnReply(TxnReply.Outcome.ABORTED, null, null, record);
        }
        if (record.state() == TxnRecord.State.PENDING) {
            record = new TxnRecord(TxnRecord.State.COMMITTED, Math.max(c.commitTs(), record.timestamp()), 0);
            batch.putMeta(TxnKeys.record(fragmentId, c.txn()), record.encode());
        }
        byte[] next = resolve(c.txn(), true, record.timestamp(), null, c.limit(), batch);
        return new TxnReply(next == null ? TxnReply.Outcome.OK : TxnReply.Outcome.MORE, next, null, record);
    }

    private TxnReply abort(TxnCommand.Abort a, StorageBatch batch) {
        TxnRecord record = TxnReads.record(storage, fragmentId, a.txn()).orElse(null);
        if (record != null && record.state() == TxnRecord.State.COMMITTED) {
            return TxnReply.record(record);
        }
        record = new TxnRecord(TxnRecord.State.ABORTED, 0, 0);
        batch.putMeta(TxnKeys.record(fragmentId, a.txn()), record.encode());
        byte[] next = resolve(a.txn(), false, 0, null, a.limit(), batch);
        return new TxnReply(next == null ? TxnReply.Outcome.OK : TxnReply.Outcome.MORE, next, null, record);
    }

    /**
     * Turns up to {@code limit} of the transaction's intents from {@code fromKey} on into versions
     * (or drops them); returns the table key to resume from, or null when none is left.
     */
    private byte[] resolve(long txn, boolean committed, long commitTs, byte[] fromKey, int limit, StorageBatch batch) {
        int[] done = {0};
        return forEachIntent(txn, fromKey, (tableKey, lockKey, intent) -> {
            if (done[0] >= limit) {
                return false;
            }
            if (committed && intent != null) {
                byte[] storageKey = FragmentKeys.storageKey(fragmentId, tableKey);
                switch (intent.kind()) {
                    case PUT -> batch.put(storageKey, commitTs, intent.value());
                    case DELETE -> batch.tombstone(storageKey, commitTs);
                    case LOCK -> { }
                }
            }
            if (intent != null) {
                batch.deleteMeta(lockKey);
            }
            batch.deleteMeta(TxnKeys.txnLock(fragmentId, txn, tableKey));
            done[0]++;
            return true;
        });
    }

    private interface IntentVisitor {
        /** False stops the walk at this key (it is then where the next walk resumes). */
        boolean visit(byte[] tableKey, byte[] lockKey, Intent intentOrNull);
    }

    /**
     * Walks the transaction's intents in this fragment through its intent index, from a table key
     * on; returns the key the visitor stopped at, or null when it saw them all. An index entry
     * whose intent is gone (or belongs to another transaction) is passed with a null intent.
     */
    private byte[] forEachIntent(long txn, byte[] fromKey, IntentVisitor visitor) {
        byte[] prefix = TxnKeys.txnLocksPrefix(fragmentId, txn);
        byte[] from = fromKey == null ? prefix : TxnKeys.txnLock(fragmentId, txn, fromKey);
        byte[] end = io.tessera.common.encoding.KeyCodec.prefixEnd(prefix);
        while (true) {
            List<KeyValue> page = storage.scanMeta(from, end, LOCK_PAGE);
            List<byte[]> tableKeys = new ArrayList<>(page.size());
            List<byte[]> lockKeys = new ArrayList<>(page.size());
            for (KeyValue entry : page) {
                byte[] tableKey = TxnKeys.tableKeyOfTxnLock(entry.key());
                tableKeys.add(tableKey);
                lockKeys.add(TxnKeys.lock(fragmentId, tableKey));
            }
            List<byte[]> intents = page.isEmpty() ? List.of() : storage.getMetas(lockKeys);
            for (int i = 0; i < page.size(); i++) {
                Intent intent = intents.get(i) == null ? null : Intent.decode(intents.get(i));
                if (!visitor.visit(tableKeys.get(i), lockKeys.get(i), intent != null && intent.txn() == txn ? intent : null)) {
                    return tableKeys.get(i);
                }
            }
            if (page.size() < LOCK_PAGE) {
                return null;
            }
            byte[] last = page.get(page.size() - 1).key();
            from = Arrays.copyOf(last, last.length + 1);
        }
    }

    private TxnReply push(TxnCommand.Push p, StorageBatch batch) {
        TxnRecord record = TxnReads.record(storage, fragmentId, p.txn()).orElse(null);
        TxnRecord pushed;
        if (record == null) {
            // Its intents on other fragments may be ahead of the record's creation: give it a life.
            pushed = new TxnRecord(TxnRecord.State.PENDING, p.pushTo(), p.nowMillis() + p.ttlMillis());
        } else if (record.state() != TxnRecord.State.PENDING) {
            return TxnReply.record(record);
        } else if (record.expiresAtMillis() < p.nowMillis()) {
            pushed = new TxnRecord(TxnRecord.State.ABORTED, 0, 0);
        } else if (record.timestamp() >= p.pushTo()) {
            return TxnReply.record(record);
        } else {
            pushed = new TxnRecord(TxnRecord.State.PENDING, p.pushTo(), record.expiresAtMillis(), record.waitingFor(),
                    record.waitingForPrimary());
        }
        batch.putMeta(TxnKeys.record(fragmentId, p.txn()), pushed.encode());
        return TxnReply.record(pushed);
    }

    private TxnReply heartbeat(TxnCommand.Heartbeat h, StorageBatch batch) {
        TxnRecord record = TxnReads.record(storage, fragmentId, h.txn()).orElse(null);
        if (record == null) {
            return TxnReply.record(new TxnRecord(TxnRecord.State.ABORTED, 0, 0));
        }
        if (record.state() == TxnRecord.State.PENDING) {
            record = new TxnRecord(TxnRecord.State.PENDING, record.timestamp(),
                    Math.max(record.expiresAtMillis(), h.expiresAtMillis()), h.waitingFor(), h.waitingForPrimary());
            batch.putMeta(TxnKeys.record(fragmentId, h.txn()), record.encode());
        }
        return TxnReply.record(record);
    }

    private TxnReply undo(TxnCommand.UndoStatement u, StorageBatch batch) {
        forEachIntent(u.txn(), null, (tableKey, lockKey, i) -> {
            if (i == null || i.seq() != u.seq()) {
                return true;
            }
            if (i.prevKind() == null) {
                batch.deleteMeta(lockKey);
                batch.deleteMeta(TxnKeys.txnLock(fragmentId, u.txn(), tableKey));
            } else {
                batch.putMeta(lockKey, new Intent(i.txn(), i.primaryFragment(), i.primaryKey(), i.prevKind(),
                        i.prevValue(), u.seq() - 1, null, null).encode());
            }
            return true;
        });
        return TxnReply.ok();
    }
}
