package io.tessera.replication.api;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;

/**
 * The fragment's answer to a {@link TxnCommand}.
 *
 * @param outcome what happened
 * @param key the conflicting key (LOCKED, WRITE_TOO_OLD, DUPLICATE) or where to resume (MORE)
 * @param holder the intent in the way (LOCKED)
 * @param record the transaction's record after the command (Commit, Abort, Push, Heartbeat)
 */
public record TxnReply(Outcome outcome, byte[] key, Intent holder, TxnRecord record) {

    public enum Outcome {
        /** Applied. */
        OK,
        /** Applied part of the intents (at most the command's limit); resend from {@code key}. */
        MORE,
        /** Another transaction's intent holds {@code key}; nothing applied. */
        LOCKED,
        /** A version newer than the statement's snapshot exists at {@code key}; nothing applied. */
        WRITE_TOO_OLD,
        /** PUT_IF_ABSENT found a live row at {@code key}; nothing applied. */
        DUPLICATE,
        /** The transaction's record says ABORTED; nothing applied. */
        ABORTED
    }

    public static TxnReply ok() {
        return new TxnReply(Outcome.OK, null, null, null);
    }

    public static TxnReply of(Outcome outcome, byte[] key) {
        return new TxnReply(outcome, key, null, null);
    }

    public static TxnReply record(TxnRecord record) {
        return new TxnReply(Outcome.OK, null, null, record);
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(32).put(outcome.ordinal());
        Intent.nullable(w, key);
        Intent.nullable(w, holder == null ? null : holder.encode());
        Intent.nullable(w, record == null ? null : record.encode());
        return w.toByteArray();
    }

    public static TxnReply decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        Outcome outcome = Outcome.values()[r.get()];
        byte[] key = Intent.nullable(r);
        byte[] holder = Intent.nullable(r);
        byte[] record = Intent.nullable(r);
        return new TxnReply(outcome, key, holder == null ? null : Intent.decode(holder),
                record == null ? null : TxnRecord.decode(record));
    }
}
