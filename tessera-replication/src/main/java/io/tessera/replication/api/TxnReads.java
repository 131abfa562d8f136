package io.tessera.replication.api;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;
import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads of one fragment at a snapshot timestamp on behalf of a transaction, as the fragment's
 * leader answers them (from its own storage, or to a gateway's Raft query). The transaction sees its
 * own intents; another transaction's intent is reported beside the committed value when that
 * transaction may have committed at or below the read timestamp (its id is at or below it), for
 * the gateway to settle through the transaction's record. Row locks (FOR UPDATE) never hide a value.
 */
public final class TxnReads {
    private TxnReads() {}

    /** An intent of another transaction the reader must settle, with the committed value it hides. */
    public record Foreign(byte[] key, Intent intent, byte[] committed) {}

    /**
     * What a read found.
     *
     * @param pairs live pairs in key order, own intents applied, foreign ones not
     * @param resumeKey where the next page of a scan starts, or null when the span is exhausted
     */
    public record Result(List<FragmentRead.Pair> pairs, byte[] resumeKey, List<Foreign> foreign) {

        public byte[] encode() {
            ByteWriter w = new ByteWriter(256);
            Intent.nullable(w, resumeKey);
            w.putVarint(pairs.size());
            for (FragmentRead.Pair p : pairs) {
                Intent.bytes(w, p.key());
                Intent.bytes(w, p.value());
            }
            w.putVarint(foreign.size());
            for (Foreign f : foreign) {
                Intent.bytes(w, f.key());
                Intent.bytes(w, f.intent().encode());
                Intent.nullable(w, f.committed());
            }
            return w.toByteArray();
        }

        public static Result decode(byte[] bytes) {
            ByteReader r = new ByteReader(bytes);
            byte[] resumeKey = Intent.nullable(r);
            int n = (int) r.getVarint();
            List<FragmentRead.Pair> pairs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                pairs.add(new FragmentRead.Pair(r.get((int) r.getVarint()), r.get((int) r.getVarint())));
            }
            int m = (int) r.getVarint();
            List<Foreign> foreign = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                foreign.add(new Foreign(r.get((int) r.getVarint()), Intent.decode(r.get((int) r.getVarint())),
                        Intent.nullable(r)));
            }
            return new Result(pairs, resumeKey, foreign);
        }
    }

    /**
     * Reads run beside the fragment's applies without a storage snapshot, so the intent is read
     * before the versions: resolving an intent writes its version and removes it in one batch,
     * so an intent gone before the version read has its version there; read the other way round,
     * a resolution landing in between would hide both.
     */
    public static Result get(StorageEngine storage, long fragmentId, byte[] key, long readTs, long txn) {
        Optional<byte[]> lock = storage.getMeta(TxnKeys.lock(fragmentId, key));
        byte[] committed = storage.get(FragmentKeys.storageKey(fragmentId, key), readTs).orElse(null);
        List<Foreign> foreign = List.of();
        if (lock.isPresent()) {
            Intent intent = Intent.decode(lock.get());
            if (intent.txn() == txn) {
                committed = ownView(intent, committed);
            } else if (mustSettle(intent, readTs)) {
                foreign = List.of(new Foreign(key, intent, committed));
            }
        }
        List<FragmentRead.Pair> pairs = committed == null ? List.of() : List.of(new FragmentRead.Pair(key, committed));
        return new Result(pairs, null, foreign);
    }

    /**
     * Live pairs in {@code [start, end)} (null: the fragment's ends), one page: at most
     * {@code limit} intents and {@code limit} versions are read, and the page covers the keys up to
     * where either stopped ({@link Result#resumeKey}). Intents are read before versions, as in
     * {@link #get}.
     */
    public static Result scan(StorageEngine storage, long fragmentId, byte[] start, byte[] end, int limit, long readTs,
            long txn) {
        byte[] lockFrom = start == null ? TxnKeys.lockPrefix(fragmentId) : TxnKeys.lock(fragmentId, start);
        List<KeyValue> locks = storage.scanMeta(lockFrom, TxnKeys.lockEnd(fragmentId, end), limit);
        byte[] covered = end; // exclusive; null is the end of the fragment
        if (limit > 0 && locks.size() == limit) {
            covered = after(TxnKeys.tableKeyOfLock(locks.get(locks.size() - 1).key()));
        }
        byte[] from = start == null ? FragmentKeys.prefix(fragmentId) : FragmentKeys.storageKey(fragmentId, start);
        List<KeyValue> versions = storage.scan(from, FragmentKeys.storageEnd(fragmentId, covered), readTs, limit);
        if (limit > 0 && versions.size() == limit) {
            covered = after(FragmentKeys.tableKey(versions.get(versions.size() - 1).key()));
        }
        TreeMap<byte[], byte[]> out = new TreeMap<>(Arrays::compareUnsigned);
        for (KeyValue kv : versions) {
            out.put(FragmentKeys.tableKey(kv.key()), kv.value());
        }
        List<Foreign> foreign = new ArrayList<>();
        for (KeyValue lock : locks) {
            byte[] key = TxnKeys.tableKeyOfLock(lock.key());
            if (covered != null && Arrays.compareUnsigned(key, covered) >= 0) {
                break;
            }
            Intent intent = Intent.decode(lock.value());
            if (intent.txn() == txn) {
                byte[] seen = ownView(intent, out.get(key));
                if (seen == null) {
                    out.remove(key);
                } else {
                    out.put(key, seen);
                }
            } else if (mustSettle(intent, readTs)) {
                foreign.add(new Foreign(key, intent, out.get(key)));
            }
        }
        List<FragmentRead.Pair> pairs = new ArrayList<>(out.size());
        out.forEach((k, v) -> pairs.add(new FragmentRead.Pair(k, v)));
        boolean exhausted = covered == null || end != null && Arrays.compareUnsigned(covered, end) >= 0;
        return new Result(pairs, exhausted ? null : covered, foreign);
    }

    /** The smallest key after {@code key}. */
    private static byte[] after(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /** What the transaction itself sees of a key it holds an intent on. */
    static byte[] ownView(Intent intent, byte[] committed) {
        return switch (intent.kind()) {
            case PUT -> intent.value();
            case DELETE -> null;
            case LOCK -> committed;
        };
    }

    /**
     * A transaction that started after the read timestamp commits after it too, and a row lock
     * changes no value: only other intents may hide a version the reader should see.
     */
    private static boolean mustSettle(Intent intent, long readTs) {
        return intent.kind() != Intent.Kind.LOCK && intent.txn() <= readTs;
    }

    /** The record of a transaction on this (its primary) fragment, if any. */
    public static Optional<TxnRecord> record(StorageEngine storage, long fragmentId, long txn) {
        return storage.getMeta(TxnKeys.record(fragmentId, txn)).map(TxnRecord::decode);
    }
}
