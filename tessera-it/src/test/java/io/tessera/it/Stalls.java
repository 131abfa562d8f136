package io.tessera.it;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Gaps between acknowledgement times, and the percentiles a benchmark reports over them. */
final class Stalls {
    private Stalls() {}

    /**
     * The longest gap between consecutive times that overlaps {@code [fromNanos, toNanos]}: with
     * {@code fromNanos} the moment of a kill, the gap that spans the kill counts in full.
     */
    static Duration longestGap(long[] nanoTimes, long fromNanos, long toNanos) {
        long[] sorted = nanoTimes.clone();
        Arrays.sort(sorted);
        long worst = 0;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] > fromNanos && sorted[i - 1] < toNanos) {
                worst = Math.max(worst, sorted[i] - sorted[i - 1]);
            }
        }
        return Duration.ofNanos(worst);
    }

    /** The nearest-rank percentile ({@code p} in 0..100) of a non-empty list. */
    static Duration percentile(List<Duration> values, int p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
