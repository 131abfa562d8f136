package io.tessera.bench;

/**
 * Latencies of one thread's operations in a fixed-size histogram of microseconds (log-linear
 * buckets), so recording costs no allocation and threads merge at the end.
 */
final class LatencyRecorder {
    /** 64 linear sub-buckets per power of two: under 1.6% error, enough for a p99. */
    private static final int SUB_BUCKETS = 64;
    private final long[] counts = new long[64 * SUB_BUCKETS];
    private long total;

    void record(long micros) {
        counts[bucket(Math.max(micros, 0))]++;
        total++;
    }

    private static int bucket(long v) {
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(v); // >= 6
        int shift = magnitude - 6;
        return (magnitude - 5) * SUB_BUCKETS + (int) ((v >>> shift) - SUB_BUCKETS);
    }

    private static long lowerBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int magnitude = bucket / SUB_BUCKETS + 5;
        long sub = bucket % SUB_BUCKETS + SUB_BUCKETS;
        return sub << (magnitude - 6);
    }

    void merge(LatencyRecorder other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long count() { return total; }

    long percentile(double p) {
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(p / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return lowerBound(i);
            }
        }
        return lowerBound(counts.length - 1);
    }
}
