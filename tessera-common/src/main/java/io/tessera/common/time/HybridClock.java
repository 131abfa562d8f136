package io.tessera.common.time;

/**
 * A hybrid logical clock: timestamps are {@code (physical millis << 16) | logical}, strictly
 * increasing on this node even when the wall clock stalls or steps back, and pushed forward by
 * timestamps observed from other nodes so that causality is kept across the cluster.
 */
public final class HybridClock {
    private static final int LOGICAL_BITS = 16;
    private final Clock clock;
    private long last;

    public HybridClock(Clock clock) { this.clock = clock; }

    /** The smallest timestamp of the wall-clock millisecond {@code millis}: what now() returns then at the earliest. */
    public static long timestampAt(long millis) {
        if (millis < 0 || millis > (Long.MAX_VALUE >>> LOGICAL_BITS)) {
            throw new IllegalArgumentException("milliseconds out of the timestamp range: " + millis);
        }
        return millis << LOGICAL_BITS;
    }

    /** The wall-clock millisecond of a timestamp. */
    public static long millisOf(long timestamp) {
        return timestamp >>> LOGICAL_BITS;
    }

    public synchronized long now() {
        long physical = clock.nowMillis() << LOGICAL_BITS;
        last = Math.max(last + 1, physical);
        return last;
    }

    /** Moves the clock past a timestamp seen from elsewhere. */
    public synchronized void observe(long timestamp) {
        last = Math.max(last, timestamp);
    }
}
