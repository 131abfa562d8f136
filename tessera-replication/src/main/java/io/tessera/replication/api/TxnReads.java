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
     * @param versionsRead how many versions the storage scan returned: a scan page is the last one
     *     only when this is below the limit
     * @param lastVersionKey the key of the last version read (the next page starts after it), or null
     */
    public record Result(List<FragmentRead.Pair> pairs, int versionsRead, byte[] lastVersionKey, List<Foreign> foreign) {

        public byte[] encode() {
            ByteWriter w = new ByteWriter(256).putVarint(versionsRead);
            Intent.nullable(w, lastVersionKey);
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
            int versions = (int) r.getVarint();
            byte[] lastVersionKey = Intent.nullable(r);
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
            return new Result(pairs, versions, lastVersionKey, foreign);
        }
    }

    public static Result get(StorageEngine storage, long fragmentId, byte[] key, long readTs, long txn) {
        byte[] committed = storage.get(FragmentKeys.storageKey(fragmentId, key), readTs).orElse(null);
        Optional<byte[]> lock = storage.getMeta(TxnKeys.lock(fragmentId, key));
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
        return new Result(pairs, pairs.size(), null, foreign);
    }

    /** Live pairs in {@code [start, end)} (null: the fragment's ends), from at most {@code limit} versions. */
    public static Result scan(StorageEngine storage, long fragmentId, byte[] start, byte[] end, int limit, long readTs,
            long txn) {
        byte[] from = start == null ? FragmentKeys.prefix(fragmentId) : FragmentKeys.storageKey(fragmentId, start);
        List<KeyValue> versions = storage.scan(from, FragmentKeys.storageEnd(fragmentId, end), readTs, limit);
        TreeMap<byte[], byte[]> out = new TreeMap<>(Arrays::compareUnsigned);
        for (KeyValue kv : versions) {
            out.put(FragmentKeys.tableKey(kv.key()), kv.value());
        }
        // A full page covers keys up to its last one only: intents beyond it belong to the next page.
        byte[] intentsEnd = end;
        byte[] last = versions.isEmpty() ? null : FragmentKeys.tableKey(versions.get(versions.size() - 1).key());
        if (limit > 0 && versions.size() == limit) {
            intentsEnd = Arrays.copyOf(last, last.length + 1);
        }
        byte[] lockFrom = start == null ? TxnKeys.lockPrefix(fragmentId) : TxnKeys.lock(fragmentId, start);
        List<Foreign> foreign = new ArrayList<>();
        for (KeyValue lock : storage.scanMeta(lockFrom, TxnKeys.lockEnd(fragmentId, intentsEnd), 0)) {
            byte[] key = TxnKeys.tableKeyOfLock(lock.key());
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
        return new Result(pairs, versions.size(), last, foreign);
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
