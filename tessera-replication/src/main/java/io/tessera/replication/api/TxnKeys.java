package io.tessera.replication.api;

import io.tessera.common.encoding.ByteWriter;
import io.tessera.common.encoding.KeyCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a fragment keeps its transactional state in the node's meta key space: intents under
 * {@code "frag/lock/" ++ fragmentId ++ tableKey} (so a key's intent is one point read and a span's
 * intents one range scan beside the versions' scan) and transaction records under
 * {@code "frag/txn/" ++ fragmentId ++ txnId}, and an index of each transaction's intents under
 * {@code "frag/tl/" ++ fragmentId ++ txnId ++ tableKey}, so that resolving one transaction reads
 * its own intents only, not the whole lock span (where the deleted intents of earlier
 * transactions linger as tombstones until compaction). Both belong to the fragment's replica: snapshots carry
 * them and dropping the replica removes them.
 */
public final class TxnKeys {
    private TxnKeys() {}

    private static final byte[] LOCK = "frag/lock/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TXN = "frag/txn/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TXN_LOCKS = "frag/tl/".getBytes(StandardCharsets.US_ASCII);

    public static byte[] lockPrefix(long fragmentId) {
        return new ByteWriter(LOCK.length + 8).put(LOCK).putLong(fragmentId).toByteArray();
    }

    public static byte[] lock(long fragmentId, byte[] tableKey) {
        return new ByteWriter(LOCK.length + 8 + tableKey.length).put(LOCK).putLong(fragmentId).put(tableKey).toByteArray();
    }

    /** The lock-span bound of a table-key bound; null is the end of the fragment's intents. */
    public static byte[] lockEnd(long fragmentId, byte[] tableKeyEnd) {
        return tableKeyEnd == null ? KeyCodec.prefixEnd(lockPrefix(fragmentId)) : lock(fragmentId, tableKeyEnd);
    }

    public static byte[] tableKeyOfLock(byte[] lockKey) {
        return Arrays.copyOfRange(lockKey, LOCK.length + 8, lockKey.length);
    }

    public static byte[] recordPrefix(long fragmentId) {
        return new ByteWriter(TXN.length + 8).put(TXN).putLong(fragmentId).toByteArray();
    }

    public static byte[] record(long fragmentId, long txn) {
        return new ByteWriter(TXN.length + 16).put(TXN).putLong(fragmentId).putLong(txn).toByteArray();
    }

    public static byte[] recordEnd(long fragmentId) {
        return KeyCodec.prefixEnd(recordPrefix(fragmentId));
    }

    /** The span of every transaction's intent index in the fragment. */
    public static byte[] txnLocksPrefix(long fragmentId) {
        return new ByteWriter(TXN_LOCKS.length + 8).put(TXN_LOCKS).putLong(fragmentId).toByteArray();
    }

    public static byte[] txnLocksEnd(long fragmentId) {
        return KeyCodec.prefixEnd(txnLocksPrefix(fragmentId));
    }

    /** The span of one transaction's intent index in the fragment. */
    public static byte[] txnLocksPrefix(long fragmentId, long txn) {
        return new ByteWriter(TXN_LOCKS.length + 16).put(TXN_LOCKS).putLong(fragmentId).putLong(txn).toByteArray();
    }

    public static byte[] txnLock(long fragmentId, long txn, byte[] tableKey) {
        return new ByteWriter(TXN_LOCKS.length + 16 + tableKey.length).put(TXN_LOCKS).putLong(fragmentId).putLong(txn)
                .put(tableKey).toByteArray();
    }

    public static byte[] tableKeyOfTxnLock(byte[] txnLockKey) {
        return Arrays.copyOfRange(txnLockKey, TXN_LOCKS.length + 16, txnLockKey.length);
    }
}
