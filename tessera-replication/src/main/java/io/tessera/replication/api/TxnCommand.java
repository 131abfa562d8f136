package io.tessera.replication.api;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A transactional change to one fragment, one Raft log entry. Its first byte ({@link #TAG}) tells it
 * from a {@link FragmentCommand}. Every command applies entirely or, when it answers a conflict,
 * not at all, so a gateway may resend it after waiting.
 */
public sealed interface TxnCommand {
    byte TAG = 2;

    /** Kinds of write in {@link WriteIntents}. */
    enum OpKind { PUT, PUT_IF_ABSENT, DELETE, LOCK }

    record Op(OpKind kind, byte[] key, byte[] value) {}

    /**
     * Writes intents for keys of this fragment. Refused with a conflict when another transaction
     * holds one of the keys, when a version newer than {@code checkTs} exists (someone committed it
     * after the snapshot the statement read), or when a PUT_IF_ABSENT finds a live row.
     *
     * @param createRecord this is the primary fragment: create (or refresh) the transaction's record
     */
    record WriteIntents(long txn, long primaryFragment, byte[] primaryKey, boolean createRecord, long checkTs,
            long nowMillis, long ttlMillis, int seq, List<Op> ops) implements TxnCommand {
        public WriteIntents {
            ops = List.copyOf(ops);
        }
    }

    /** On the primary: commit at {@code max(commitTs, pushed timestamp)} unless aborted, then resolve local intents. */
    record Commit(long txn, long commitTs, int limit) implements TxnCommand {}

    /** On the primary: abort unless committed, then release local intents. */
    record Abort(long txn, int limit) implements TxnCommand {}

    /**
     * Turns the transaction's intents in this fragment into versions at {@code commitTs}
     * (committed) or drops them (aborted), at most {@code limit}, from {@code fromKey} on.
     */
    record Resolve(long txn, boolean committed, long commitTs, byte[] fromKey, int limit) implements TxnCommand {}

    /**
     * On the primary, from a reader at {@code pushTo - 1} that met an intent: the transaction must
     * commit at {@code pushTo} or later; aborts it when its heartbeat has expired.
     */
    record Push(long txn, long pushTo, long nowMillis, long ttlMillis) implements TxnCommand {}

    /** On the primary: the gateway still runs the transaction, which waits for {@code waitingFor} (0: nobody). */
    record Heartbeat(long txn, long expiresAtMillis, long waitingFor, long waitingForPrimary) implements TxnCommand {}

    /** Restores the transaction's intents written by statement {@code seq} to what they were before it. */
    record UndoStatement(long txn, int seq) implements TxnCommand {}

    static boolean isTxnCommand(byte[] entry) {
        return entry.length > 0 && entry[0] == TAG;
    }

    default byte[] encode() {
        ByteWriter w = new ByteWriter(64).put(TAG);
        switch (this) {
            case WriteIntents c -> {
                w.put(1).putLong(c.txn()).putLong(c.primaryFragment());
                Intent.bytes(w, c.primaryKey());
                w.put(c.createRecord() ? 1 : 0).putLong(c.checkTs()).putLong(c.nowMillis()).putLong(c.ttlMillis())
                        .putVarint(c.seq()).putVarint(c.ops().size());
                for (Op op : c.ops()) {
                    w.put(op.kind().ordinal());
                    Intent.bytes(w, op.key());
                    Intent.nullable(w, op.value());
                }
            }
            case Commit c -> w.put(2).putLong(c.txn()).putLong(c.commitTs()).putVarint(c.limit());
            case Abort c -> w.put(3).putLong(c.txn()).putVarint(c.limit());
            case Resolve c -> {
                w.put(4).putLong(c.txn()).put(c.committed() ? 1 : 0).putLong(c.commitTs());
                Intent.nullable(w, c.fromKey());
                w.putVarint(c.limit());
            }
            case Push c -> w.put(5).putLong(c.txn()).putLong(c.pushTo()).putLong(c.nowMillis()).putLong(c.ttlMillis());
            case Heartbeat c -> w.put(6).putLong(c.txn()).putLong(c.expiresAtMillis()).putLong(c.waitingFor())
                    .putLong(c.waitingForPrimary());
            case UndoStatement c -> w.put(7).putLong(c.txn()).putVarint(c.seq());
        }
        if (w.size() > FragmentCommand.BYTES_MAX + 64 * 1024) {
            throw new IllegalArgumentException("command larger than " + FragmentCommand.BYTES_MAX + " bytes");
        }
        return w.toByteArray();
    }

    static TxnCommand decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        if (r.get() != TAG) {
            throw new IllegalStateException("not a transaction command");
        }
        int kind = r.get();
        TxnCommand c = switch (kind) {
            case 1 -> decodeWrite(r);
            case 2 -> new Commit(r.getLong(), r.getLong(), (int) r.getVarint());
            case 3 -> new Abort(r.getLong(), (int) r.getVarint());
            case 4 -> new Resolve(r.getLong(), r.get() == 1, r.getLong(), Intent.nullable(r), (int) r.getVarint());
            case 5 -> new Push(r.getLong(), r.getLong(), r.getLong(), r.getLong());
            case 6 -> new Heartbeat(r.getLong(), r.getLong(), r.getLong(), r.getLong());
            case 7 -> new UndoStatement(r.getLong(), (int) r.getVarint());
            default -> throw new IllegalStateException("unknown transaction command " + kind);
        };
        if (r.hasRemaining()) {
            throw new IllegalStateException("trailing bytes after transaction command");
        }
        return c;
    }

    private static WriteIntents decodeWrite(ByteReader r) {
        long txn = r.getLong();
        long primaryFragment = r.getLong();
        byte[] primaryKey = r.get((int) r.getVarint());
        boolean createRecord = r.get() == 1;
        long checkTs = r.getLong();
        long now = r.getLong();
        long ttl = r.getLong();
        int seq = (int) r.getVarint();
        long n = r.getVarint();
        if (n < 0 || n > FragmentCommand.OPS_MAX) {
            throw new IllegalStateException("bad operation count " + n);
        }
        List<Op> ops = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            ops.add(new Op(OpKind.values()[r.get()], r.get((int) r.getVarint()), Intent.nullable(r)));
        }
        return new WriteIntents(txn, primaryFragment, primaryKey, createRecord, checkTs, now, ttl, seq, ops);
    }
}
