package io.tessera.replication.api;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;

/**
 * A transaction's write intent on one key: the lock that keeps other writers off the key until
 * the transaction ends, and the value it will commit. Stored in the fragment's lock span
 * ({@link TxnKeys#lock}). Readers at a timestamp at or above the transaction's id must find out
 * whether it committed (through its record on the primary fragment) before they may skip it.
 *
 * @param txn the transaction's id, its start timestamp
 * @param primaryFragment where the transaction's record lives
 * @param primaryKey the key whose fragment holds the record (for messages and debugging)
 * @param kind what commit does: write {@code value}, write a tombstone, or nothing (a row lock)
 * @param seq the statement that wrote it, so a statement re-run under READ COMMITTED can be undone
 * @param prevKind the transaction's own intent on this key before statement {@code seq}, or null
 * @param prevValue its value
 */
public record Intent(long txn, long primaryFragment, byte[] primaryKey, Kind kind, byte[] value, int seq,
        Kind prevKind, byte[] prevValue) {

    public enum Kind { PUT, DELETE, LOCK }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(32 + primaryKey.length + (value == null ? 0 : value.length));
        w.putLong(txn).putLong(primaryFragment);
        bytes(w, primaryKey);
        w.put(kind.ordinal());
        nullable(w, value);
        w.putVarint(seq).put(prevKind == null ? 255 : prevKind.ordinal());
        nullable(w, prevValue);
        return w.toByteArray();
    }

    public static Intent decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        long txn = r.getLong();
        long primaryFragment = r.getLong();
        byte[] primaryKey = r.get((int) r.getVarint());
        Kind kind = Kind.values()[r.get()];
        byte[] value = nullable(r);
        int seq = (int) r.getVarint();
        int prev = r.get() & 0xFF;
        return new Intent(txn, primaryFragment, primaryKey, kind, value, seq, prev == 255 ? null : Kind.values()[prev],
                nullable(r));
    }

    static void bytes(ByteWriter w, byte[] b) {
        w.putVarint(b.length).put(b);
    }

    static void nullable(ByteWriter w, byte[] b) {
        if (b == null) {
            w.put(0);
        } else {
            bytes(w.put(1), b);
        }
    }

    static byte[] nullable(ByteReader r) {
        return r.get() == 0 ? null : r.get((int) r.getVarint());
    }
}
