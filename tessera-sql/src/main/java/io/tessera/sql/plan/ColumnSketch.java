package io.tessera.sql.plan;

import io.tessera.cluster.api.TableStatistics;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * What ANALYZE learns of one column while it reads the rows once: NULLs, average width, and the
 * number of distinct values, estimated in bounded memory with a k-minimum-values sketch (the
 * {@link #K} smallest hashes of the values seen: exact below K distinct values, within a few
 * percent above).
 */
final class ColumnSketch {
    /** Hashes kept; the estimate's relative error is about 1/sqrt(K). */
    static final int K = 4096;

    private final TreeSet<Long> smallest = new TreeSet<>();
    private long rows;
    private long nulls;
    private long widthSum;

    void add(Object value) {
        rows++;
        if (value == null) {
            nulls++;
            return;
        }
        widthSum += width(value);
        long h = mix(Values.hashKey(value).hashCode()) >>> 1; // non-negative: ordered as unsigned
        if (smallest.size() < K) {
            smallest.add(h);
        } else if (h < smallest.last() && smallest.add(h)) {
            smallest.pollLast();
        }
    }

    TableStatistics.Column result() {
        long nonNull = rows - nulls;
        long distinct;
        if (smallest.size() < K) {
            distinct = smallest.size();
        } else {
            double kth = smallest.last() / (double) Long.MAX_VALUE; // the K-th smallest of uniform [0, 1) draws
            distinct = Math.min(nonNull, Math.round((K - 1) / kth));
        }
        double nullFraction = rows == 0 ? 0 : nulls / (double) rows;
        int averageWidth = nonNull == 0 ? 0 : (int) Math.round(widthSum / (double) nonNull);
        return new TableStatistics.Column(nullFraction, distinct, averageWidth);
    }

    /** A value's size as stored, roughly: text in UTF-8, numbers at their fixed width. */
    private static int width(Object v) {
        return switch (v) {
            case String s -> s.getBytes(StandardCharsets.UTF_8).length;
            case byte[] b -> b.length;
            case Boolean b -> 1;
            case Short s -> 2;
            case Integer i -> 4;
            case Float f -> 4;
            case Long l -> 8;
            case Double d -> 8;
            default -> v.toString().length();
        };
    }

    /** Spreads a 32-bit hash over 64 bits (the finaliser of MurmurHash3). */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
