package io.tessera.replication.api;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;

/**
 * The fragment state machine's answer to a {@link FragmentCommand}.
 *
 * @param commitTimestamp the timestamp the versions were written at (the command's, or later)
 * @param conflictKey null when the command was applied; otherwise the key of the first
 *     {@link FragmentOp.PutIfAbsent} that found a live version, and nothing was written
 */
public record FragmentReply(long commitTimestamp, byte[] conflictKey) {

    public boolean applied() { return conflictKey == null; }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(16).putLong(commitTimestamp).put(conflictKey == null ? 0 : 1);
        if (conflictKey != null) {
            w.putVarint(conflictKey.length).put(conflictKey);
        }
        return w.toByteArray();
    }

    public static FragmentReply decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        long ts = r.getLong();
        byte[] key = r.get() == 0 ? null : r.get((int) r.getVarint());
        return new FragmentReply(ts, key);
    }
}
