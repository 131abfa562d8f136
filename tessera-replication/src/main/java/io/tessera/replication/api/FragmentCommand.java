package io.tessera.replication.api;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A write to one fragment: a batch of operations applied atomically at one timestamp. Its bytes are
 * the Raft log entry, so the encoding is versioned and checked on decode.
 *
 * @param timestamp the gateway's hybrid-clock time; the state machine applies at
 *     {@code max(timestamp, last applied timestamp + 1)} so versions follow log order
 */
public record FragmentCommand(long timestamp, List<FragmentOp> ops) {
    /** Upper bound on operations per command, so one Raft entry stays well below the gRPC message limit. */
    public static final int OPS_MAX = 100_000;
    /** Upper bound on the encoded size of one command (1 MiB; it must fit one Raft AppendEntries batch, which RatisProperties checks). */
    public static final int BYTES_MAX = 1 << 20;

    private static final int VERSION = 1;
    private static final int PUT = 1;
    private static final int PUT_IF_ABSENT = 2;
    private static final int DELETE = 3;
    private static final int DELETE_RANGE = 4;

    public FragmentCommand {
        ops = List.copyOf(ops);
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0: " + timestamp);
        }
        if (ops.isEmpty() || ops.size() > OPS_MAX) {
            throw new IllegalArgumentException("a command holds 1.." + OPS_MAX + " operations: " + ops.size());
        }
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(64);
        w.put(VERSION).putLong(timestamp).putVarint(ops.size());
        for (FragmentOp op : ops) {
            switch (op) {
                case FragmentOp.Put p -> bytes(bytes(w.put(PUT), p.key()), p.value());
                case FragmentOp.PutIfAbsent p -> bytes(bytes(w.put(PUT_IF_ABSENT), p.key()), p.value());
                case FragmentOp.Delete d -> bytes(w.put(DELETE), d.key());
                case FragmentOp.DeleteRange r -> {
                    bytes(w.put(DELETE_RANGE), r.key());
                    w.put(r.endKey() == null ? 0 : 1);
                    if (r.endKey() != null) {
                        bytes(w, r.endKey());
                    }
                }
            }
            if (w.size() > BYTES_MAX) {
                throw new IllegalArgumentException("command larger than " + BYTES_MAX + " bytes");
            }
        }
        return w.toByteArray();
    }

    public static FragmentCommand decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        int version = r.get();
        if (version != VERSION) {
            throw new IllegalStateException("unknown fragment command version " + version);
        }
        long timestamp = r.getLong();
        long count = r.getVarint();
        if (count < 1 || count > OPS_MAX) {
            throw new IllegalStateException("bad operation count " + count);
        }
        List<FragmentOp> ops = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            ops.add(decodeOp(r));
        }
        if (r.hasRemaining()) {
            throw new IllegalStateException("trailing bytes after fragment command");
        }
        return new FragmentCommand(timestamp, ops);
    }

    private static FragmentOp decodeOp(ByteReader r) {
        int tag = r.get();
        return switch (tag) {
            case PUT -> new FragmentOp.Put(bytes(r), bytes(r));
            case PUT_IF_ABSENT -> new FragmentOp.PutIfAbsent(bytes(r), bytes(r));
            case DELETE -> new FragmentOp.Delete(bytes(r));
            case DELETE_RANGE -> new FragmentOp.DeleteRange(bytes(r), r.get() == 0 ? null : bytes(r));
            default -> throw new IllegalStateException("unknown fragment operation " + tag);
        };
    }

    private static ByteWriter bytes(ByteWriter w, byte[] b) {
        return w.putVarint(b.length).put(b);
    }

    private static byte[] bytes(ByteReader r) {
        long n = r.getVarint();
        if (n < 0 || n > BYTES_MAX) {
            throw new IllegalStateException("bad length " + n);
        }
        return r.get((int) n);
    }
}
