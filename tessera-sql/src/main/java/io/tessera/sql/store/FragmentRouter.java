package io.tessera.sql.store;

import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps keys and key spans to the fragments that own them. The catalog's fragments are hash buckets
 * ({@code FragmentSpans}: 4-byte hash bounds); they are routed by {@code kv.api.FragmentRouter}, and
 * any span wider than one key overlaps every bucket, each holding its keys of the span in key order
 * (so a scan merges the pieces). Descriptors whose bounds are table keys (test catalogs) are
 * {@code [startKey, endKey)} spans over the table's keys and are clipped by key.
 */
public final class FragmentRouter {
    private FragmentRouter() {}

    /** One fragment's share of a span. */
    public record Piece(long fragmentId, byte[] start, byte[] end) {}

    public static long fragmentFor(TableDescriptor table, byte[] key) {
        if (hashFragmented(table)) {
            return io.tessera.kv.api.FragmentRouter.owner(table, key).id();
        }
        for (FragmentDescriptor f : table.fragments()) {
            if (contains(f, key)) {
                return f.id();
            }
        }
        throw new IllegalStateException("no fragment of table " + table.name() + " holds key " + Arrays.toString(key));
    }

    /** The fragments overlapping {@code span}, each with its part of the span (all of it, for hash fragments). */
    public static List<Piece> pieces(TableDescriptor table, KeySpan span) {
        List<Piece> out = new ArrayList<>();
        if (hashFragmented(table)) {
            for (FragmentDescriptor f : io.tessera.kv.api.FragmentRouter.overlapping(table, span.start(), span.end())) {
                out.add(new Piece(f.id(), span.start(), span.end()));
            }
            return out;
        }
        for (FragmentDescriptor f : table.fragments()) {
            byte[] start = max(span.start(), f.startKey());
            byte[] end = minEnd(span.end(), f.endKey());
            if (end == null || Arrays.compareUnsigned(start, end) < 0) {
                out.add(new Piece(f.id(), start, end));
            }
        }
        return out;
    }

    /** Whether the fragments' bounds are hash bounds (4 bytes) rather than table keys. */
    static boolean hashFragmented(TableDescriptor table) {
        for (FragmentDescriptor f : table.fragments()) {
            if (f.startKey() != null && f.startKey().length != 4 || f.endKey() != null && f.endKey().length != 4) {
                return false;
            }
        }
        return true;
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
