package io.tessera.cluster.impl;

import io.tessera.common.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The metadata leader's in-memory timestamp counter: hands out timestamps from memory under a
 * lease, below a limit the metadata group stored. Pure bookkeeping: {@link TimestampService}
 * proposes the claims and renewals and reports their outcome here. Thread-safe (one lock; the hot
 * path is a few arithmetic operations).
 *
 * <p>Serving needs all of: an epoch (a claim granted), a lease younger than {@link #LEASE_MILLIS}
 * measured from when its latest successful renewal was <em>sent</em>, and, after a claim that took
 * over from an earlier holder, {@link #TAKEOVER_WAIT_MILLIS} passed since the claim's reply.
 */
final class TimestampAllocator {
    /** Bits of the logical part, as in {@code HybridClock}: timestamps are {@code millis << 16 | logical}. */
    static final int LOGICAL_BITS = 16;
    /** How long a renewal keeps the holder serving, from when it was sent. */
    static final long LEASE_MILLIS = 2_000;
    /** Renew this often: several renewals fit in a lease, so one slow write does not stop serving. */
    static final long RENEW_EVERY_MILLIS = 400;
    /**
     * A claimer waits this long after taking over before serving: the previous holder's lease (sent
     * before the claim was applied) has run out by then even if its clock runs 25 % slow.
     */
    static final long TAKEOVER_WAIT_MILLIS = LEASE_MILLIS + LEASE_MILLIS / 4;
    /** The stored limit runs this far ahead of what was handed out (in hybrid units: 3 s of wall time). */
    static final long WINDOW = 3_000L << LOGICAL_BITS;

    private final Clock clock;
    private long epoch;
    private long last;
    private long limit;
    private long leaseSentNanos;
    private long servingFromNanos;

    TimestampAllocator(Clock clock) {
        this.clock = clock;
    }

    /** This node's clock in hybrid format with a zero logical part. */
    long nowTimestamp() {
        return clock.nowMillis() << LOGICAL_BITS;
    }

    /**
     * The first of {@code count} consecutive timestamps, each larger than any handed out before
     * under any epoch; -1 when this allocator may not serve now (no epoch, lease run out, waiting
     * out a takeover, or the limit reached before a renewal raised it). When the wall clock has run
     * past the limit, timestamps stay at the limit's side of it until the next renewal: uniqueness
     * and order matter more than closeness to the wall clock.
     */
    synchronized long take(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        long nanos = clock.nanoTime();
        if (epoch == 0 || nanos - servingFromNanos < 0
                || nanos - leaseSentNanos >= TimeUnit.MILLISECONDS.toNanos(LEASE_MILLIS)) {
            return -1;
        }
        long first = Math.min(Math.max(last + 1, nowTimestamp()), limit - count + 1);
        if (first <= last) {
            return -1;
        }
        last = first + count - 1;
        return first;
    }

    /** The epoch this node holds, or 0. */
    synchronized long epoch() {
        return epoch;
    }

    /** Whether the holder should send a renewal now: its lease is older than {@link #RENEW_EVERY_MILLIS}. */
    synchronized boolean renewalDue() {
        return epoch != 0 && clock.nanoTime() - leaseSentNanos >= TimeUnit.MILLISECONDS.toNanos(RENEW_EVERY_MILLIS);
    }

    /** The limit a renewal should ask for: a window beyond what was handed out and beyond the clock. */
    synchronized long renewalLimit() {
        return Math.max(last, nowTimestamp()) + WINDOW;
    }

    /**
     * A claim was granted; its lease counts from {@code sentNanos}. When it took over from an
     * earlier holder, serving starts {@link #TAKEOVER_WAIT_MILLIS} after {@code repliedNanos}.
     */
    synchronized void claimed(TimestampLease.Grant grant, long sentNanos, long repliedNanos) {
        epoch = grant.epoch();
        last = grant.base();
        limit = grant.limit();
        leaseSentNanos = sentNanos;
        servingFromNanos = grant.hadHolder() ? repliedNanos + TimeUnit.MILLISECONDS.toNanos(TAKEOVER_WAIT_MILLIS)
                : sentNanos;
    }

    /** A renewal of {@code renewedEpoch} sent at {@code sentNanos} was applied, storing at least {@code newLimit}. */
    synchronized void renewed(long renewedEpoch, long newLimit, long sentNanos) {
        if (renewedEpoch == epoch) {
            limit = Math.max(limit, newLimit);
            if (sentNanos - leaseSentNanos > 0) {
                leaseSentNanos = sentNanos;
            }
        }
    }

    /** Stops serving for good (the node shuts down); returns the epoch it held, 0 for none. */
    synchronized long release() {
        long held = epoch;
        epoch = 0;
        return held;
    }

    /** Another claim took the lease from {@code lostEpoch}: stop serving for good (a new claim starts over). */
    synchronized void lost(long lostEpoch) {
        if (lostEpoch == epoch) {
            epoch = 0;
        }
    }
}
