package io.tessera.replication.api;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A read of a fragment's latest applied state, sent as a Raft query to the fragment's leader when
 * the gateway does not lead the fragment itself. Keys are table keys (without the fragment prefix).
 */
public sealed interface FragmentRead {
    /** Rows per scan reply: keeps one reply well under the RPC message limit for ordinary rows. */
    int SCAN_PAGE_ROWS = 1_000;

    byte GET = 1;
    byte SCAN = 2;
    byte GET_AT = 3;
    byte SCAN_AT = 4;
    byte STATUS = 5;

    /** The live value of one key; reply: {@link #encodeValue}. */
    record Get(byte[] key) implements FragmentRead {}

    /** Live pairs in {@code [start, end)} (null bounds: the fragment's ends), at most {@code limit} (1..SCAN_PAGE_ROWS). */
    record Scan(byte[] start, byte[] end, int limit) implements FragmentRead {
        public Scan {
            if (limit < 1 || limit > SCAN_PAGE_ROWS) {
                throw new IllegalArgumentException("scan limit must be in [1, " + SCAN_PAGE_ROWS + "]: " + limit);
            }
        }
    }

    /** A transaction's read of one key at {@code readTs}; reply: {@link TxnReads.Result}. */
    record GetAt(byte[] key, long readTs, long txn) implements FragmentRead {}

    /** A transaction's scan at {@code readTs}, like {@link Scan}; reply: {@link TxnReads.Result}. */
    record ScanAt(byte[] start, byte[] end, int limit, long readTs, long txn) implements FragmentRead {
        public ScanAt {
            if (limit < 1 || limit > SCAN_PAGE_ROWS) {
                throw new IllegalArgumentException("scan limit must be in [1, " + SCAN_PAGE_ROWS + "]: " + limit);
            }
        }
    }

    /** The record of a transaction whose primary this fragment is; reply: {@link #encodeValue} of its encoding. */
    record Status(long txn) implements FragmentRead {}

    /** A pair of a scan reply. */
    record Pair(byte[] key, byte[] value) {}

    default byte[] encode() {
        ByteWriter w = new ByteWriter(64);
        switch (this) {
            case Get g -> putBytes(w.put(GET), g.key());
            case Scan s -> putNullable(putNullable(w.put(SCAN), s.start()), s.end()).putVarint(s.limit());
            case GetAt g -> putBytes(w.put(GET_AT), g.key()).putLong(g.readTs()).putLong(g.txn());
            case ScanAt s -> putNullable(putNullable(w.put(SCAN_AT), s.start()), s.end()).putVarint(s.limit())
                    .putLong(s.readTs()).putLong(s.txn());
            case Status s -> w.put(STATUS).putLong(s.txn());
        }
        return w.toByteArray();
    }

    /** The read a request encodes; null for an empty request (the legacy "last timestamp" query). */
    static FragmentRead decode(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        ByteReader r = new ByteReader(bytes);
        return switch (r.get()) {
            case GET -> new Get(getBytes(r));
            case SCAN -> new Scan(getNullable(r), getNullable(r), (int) r.getVarint());
            case GET_AT -> new GetAt(getBytes(r), r.getLong(), r.getLong());
            case SCAN_AT -> new ScanAt(getNullable(r), getNullable(r), (int) r.getVarint(), r.getLong(), r.getLong());
            case STATUS -> new Status(r.getLong());
            default -> throw new IllegalArgumentException("unknown fragment read " + bytes[0]);
        };
    }

    static byte[] encodeValue(byte[] valueOrNull) {
        return putNullable(new ByteWriter(valueOrNull == null ? 1 : valueOrNull.length + 6), valueOrNull).toByteArray();
    }

    static byte[] decodeValue(byte[] bytes) {
        return getNullable(new ByteReader(bytes));
    }

    static byte[] encodePairs(List<Pair> pairs) {
        ByteWriter w = new ByteWriter(256).putVarint(pairs.size());
        for (Pair p : pairs) {
            putBytes(putBytes(w, p.key()), p.value());
        }
        return w.toByteArray();
    }

    static List<Pair> decodePairs(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        int n = (int) r.getVarint();
        List<Pair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Pair(getBytes(r), getBytes(r)));
        }
        return out;
    }

    private static ByteWriter putBytes(ByteWriter w, byte[] b) {
        return w.putVarint(b.length).put(b);
    }

    private static ByteWriter putNullable(ByteWriter w, byte[] b) {
        return b == null ? w.put(0) : putBytes(w.put(1), b);
    }

    private static byte[] getBytes(ByteReader r) {
        return r.get((int) r.getVarint());
    }

    private static byte[] getNullable(ByteReader r) {
        return r.get() == 0 ? null : getBytes(r);
    }
}
