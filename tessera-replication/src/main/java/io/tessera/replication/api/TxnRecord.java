package io.tessera.replication.api;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;

/**
 * A transaction's record on its primary fragment ({@link TxnKeys#record}): the one place that says
 * whether it committed. It commits by turning PENDING into COMMITTED in one Raft entry; a reader
 * that meets one of its intents pushes {@code timestamp} (the least commit timestamp it may take)
 * above its own read timestamp, and anyone may abort it once {@code expiresAtMillis} has passed
 * without a heartbeat from its gateway.
 *
 * @param timestamp PENDING: the least commit timestamp; COMMITTED: the commit timestamp
 * @param waitingFor the transaction whose lock it waits for (0: none), for deadlock detection
 * @param waitingForPrimary where that transaction's record is
 */
public record TxnRecord(State state, long timestamp, long expiresAtMillis, long waitingFor, long waitingForPrimary) {

    public TxnRecord(State state, long timestamp, long expiresAtMillis) {
        this(state, timestamp, expiresAtMillis, 0, 0);
    }

    public enum State { PENDING, COMMITTED, ABORTED }

    public byte[] encode() {
        return new ByteWriter(33).put(state.ordinal()).putLong(timestamp).putLong(expiresAtMillis).putLong(waitingFor)
                .putLong(waitingForPrimary).toByteArray();
    }

    public static TxnRecord decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        return new TxnRecord(State.values()[r.get()], r.getLong(), r.getLong(), r.getLong(), r.getLong());
    }
}
