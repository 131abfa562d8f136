package io.tessera.sql.store;

import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps keys and key spans to the fragments that own them. Fragments are {@code [startKey, endKey)}
 * spans over the table's keys (a null startKey is the table's beginning, a null endKey its end).
 * If fragments become hash buckets, only this class changes: a span then overlaps every bucket.
 */
public final class FragmentRouter {
    private FragmentRouter() {}

    /** One fragment's share of a span. */
    public record Piece(long fragmentId, byte[] start, byte[] end) {}

    public static long fragmentFor(TableDescriptor table, byte[] key) {
        for (FragmentDescriptor f : table.fragments()) {
            if (contains(f, key)) {
                return f.id();
            }
        }
        throw new IllegalStateException("no fragment of table " + table.name() + " holds key " + Arrays.toString(key));
    }

    /** The fragments overlapping {@code span}, in key order, each with the span clipped to it. */
    public static List<Piece> pieces(TableDescriptor table, KeySpan span) {
        List<Piece> out = new ArrayList<>();
        for (FragmentDescriptor f : table.fragments()) {
            byte[] start = max(span.start(), f.startKey());
            byte[] end = minEnd(span.end(), f.endKey());
            if (end == null || Arrays.compareUnsigned(start, end) < 0) {
                out.add(new Piece(f.id(), start, end));
            }
        }
        return out;
    }

    private static boolean contains(FragmentDescriptor f, byte[] key) {
        boolean afterStart = f.startKey() == null || Arrays.compareUnsigned(key, f.startKey()) >= 0;
        boolean beforeEnd = f.endKey() == null || Arrays.compareUnsigned(key, f.endKey()) < 0;
        return afterStart && beforeEnd;
    }

    private static byte[] max(byte[] a, byte[] b) {
        if (b == null) {
            return a;
        }
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] minEnd(byte[] a, byte[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
