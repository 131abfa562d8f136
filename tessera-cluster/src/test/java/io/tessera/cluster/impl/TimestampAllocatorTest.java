package io.tessera.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.common.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimestampAllocatorTest {
    /** A clock the test moves by hand. */
    static final class ManualClock implements Clock {
        long millis = 1_000_000;
        long nanos = 42;

        @Override public long nowMillis() { return millis; }

        @Override public long nanoTime() { return nanos; }

        void advance(long ms) {
            millis += ms;
            nanos += TimeUnit.MILLISECONDS.toNanos(ms);
        }
    }

    final ManualClock clock = new ManualClock();
    final TimestampAllocator allocator = new TimestampAllocator(clock);

    static long ts(long millis) {
        return millis << TimestampAllocator.LOGICAL_BITS;
    }

    @Test
    void servesNothingBeforeAClaim() {
        assertThat(allocator.take(1)).isEqualTo(-1);
        assertThat(allocator.epoch()).isZero();
        assertThat(allocator.renewalDue()).isFalse();
    }

    @Test
    void aFirstClaimServesAtOnceAboveTheBaseAndTheClock() {
        TimestampLease.Grant grant = TimestampLease.NONE.grant(allocator.nowTimestamp(), TimestampAllocator.WINDOW);
        allocator.claimed(grant, clock.nanoTime(), clock.nanoTime());

        long first = allocator.take(1);
        assertThat(first).isGreaterThan(grant.base()).isGreaterThanOrEqualTo(ts(clock.millis));
        assertThat(allocator.take(1)).isEqualTo(first + 1);
        long range = allocator.take(10);
        assertThat(range).isEqualTo(first + 2);
        assertThat(allocator.take(1)).isEqualTo(first + 12);
        clock.advance(5);
        assertThat(allocator.take(1)).as("follows the wall clock").isEqualTo(ts(clock.millis));
    }

    @Test
    void aTakeoverWaitsOutThePreviousHoldersLease() {
        TimestampLease stored = new TimestampLease(3, "old", ts(clock.millis + 500), false);
        TimestampLease.Grant grant = stored.grant(allocator.nowTimestamp(), TimestampAllocator.WINDOW);
        assertThat(grant.hadHolder()).isTrue();
        assertThat(grant.epoch()).isEqualTo(4);
        assertThat(grant.base()).as("above the stored limit").isEqualTo(stored.limit());
        allocator.claimed(grant, clock.nanoTime(), clock.nanoTime());

        clock.advance(TimestampAllocator.TAKEOVER_WAIT_MILLIS - 1);
        assertThat(allocator.take(1)).isEqualTo(-1);
        clock.advance(1);
        assertThat(allocator.take(1)).as("the claim's own lease ran out during the wait").isEqualTo(-1);
        allocator.renewed(grant.epoch(), allocator.renewalLimit(), clock.nanoTime());
        assertThat(allocator.take(1)).isGreaterThan(stored.limit());
    }

    @Test
    void stopsServingWhenTheLeaseRunsOutAndAfterLosingTheEpoch() {
        claimFirst();
        clock.advance(TimestampAllocator.RENEW_EVERY_MILLIS);
        assertThat(allocator.renewalDue()).isTrue();
        clock.advance(TimestampAllocator.LEASE_MILLIS - TimestampAllocator.RENEW_EVERY_MILLIS);
        assertThat(allocator.take(1)).isEqualTo(-1);

        allocator.renewed(1, allocator.renewalLimit(), clock.nanoTime());
        assertThat(allocator.renewalDue()).isFalse();
        assertThat(allocator.take(1)).isPositive();
        allocator.renewed(7, Long.MAX_VALUE, clock.nanoTime()); // another epoch's renewal changes nothing
        allocator.lost(1);
        assertThat(allocator.take(1)).isEqualTo(-1);
        assertThat(allocator.epoch()).isZero();
    }

    @Test
    void neverPassesTheLimitEvenWhenTheWallClockJumpsAhead() {
        claimFirst();
        long last = allocator.take(1);
        clock.millis += 60_000; // the wall clock steps a minute ahead; the monotonic clock does not
        long clamped = allocator.take(1);
        assertThat(clamped).isGreaterThan(last).isLessThan(ts(clock.millis));
        long limit = allocator.renewalLimit();
        allocator.renewed(1, limit, clock.nanoTime());
        assertThat(allocator.take(1)).isEqualTo(ts(clock.millis));
    }

    @Test
    void refusesARangeThatWouldCrossTheLimit() {
        TimestampLease.Grant grant = new TimestampLease.Grant(1, ts(clock.millis), ts(clock.millis) + 10, false);
        allocator.claimed(grant, clock.nanoTime(), clock.nanoTime());
        assertThat(allocator.take(8)).isEqualTo(grant.base() + 1);
        assertThat(allocator.take(3)).isEqualTo(-1);
        assertThat(allocator.take(2)).isEqualTo(grant.base() + 9);
        assertThat(allocator.take(1)).isEqualTo(-1);
    }

    @Test
    void manyThreadsGetDistinctIncreasingTimestamps() throws InterruptedException {
        claimFirst();
        int threads = 8;
        int each = 20_000;
        List<long[]> seen = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[each];
            seen.add(mine);
            running.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    mine[i] = allocator.take(1);
                }
            }));
        }
        for (Thread t : running) {
            t.join();
        }
        Set<Long> all = new HashSet<>();
        for (long[] mine : seen) {
            for (int i = 0; i < each; i++) {
                assertThat(mine[i]).isPositive();
                assertThat(all.add(mine[i])).isTrue();
                if (i > 0) {
                    assertThat(mine[i]).isGreaterThan(mine[i - 1]);
                }
            }
        }
    }

    @Test
    void theStoredLeaseFencesRenewalsOfAnEarlierEpoch() {
        TimestampLease first = TimestampLease.claimedBy("a", TimestampLease.NONE.grant(ts(100), ts(3)));
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(first.renew(1, ts(50)).limit()).as("the limit never goes down").isEqualTo(first.limit());
        TimestampLease renewed = first.renew(1, ts(200));
        TimestampLease.Grant takeover = renewed.grant(ts(10), ts(3));
        assertThat(takeover.base()).as("a claimer with a slow clock still starts above").isEqualTo(ts(200));
        TimestampLease second = TimestampLease.claimedBy("b", takeover);
        assertThatThrownBy(() -> second.renew(1, ts(300))).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("40001"));
        assertThat(second.renew(2, ts(300)).limit()).isEqualTo(ts(300));
    }

    /**
     * The takeover scenario of TimestampService's argument, step by step on one clock: holder A
     * renews, then B's claim is applied (A's next renewal is refused), and at no moment can both
     * serve; B's first timestamp is above everything A handed out.
     */
    @Test
    void aDeposedHolderStopsServingBeforeTheNewOneStarts() {
        TimestampAllocator b = new TimestampAllocator(clock);
        TimestampLease.Grant grantA = TimestampLease.NONE.grant(allocator.nowTimestamp(), TimestampAllocator.WINDOW);
        TimestampLease stored = TimestampLease.claimedBy("a", grantA);
        allocator.claimed(grantA, clock.nanoTime(), clock.nanoTime());
        clock.advance(300);
        long limitA = allocator.renewalLimit();
        long renewalSent = clock.nanoTime();
        stored = stored.renew(grantA.epoch(), limitA);
        allocator.renewed(grantA.epoch(), limitA, renewalSent);

        clock.advance(50); // B becomes leader and its claim is applied after A's renewal
        TimestampLease.Grant grantB = stored.grant(b.nowTimestamp(), TimestampAllocator.WINDOW);
        TimestampLease afterClaim = TimestampLease.claimedBy("b", grantB);
        b.claimed(grantB, clock.nanoTime(), clock.nanoTime());
        long epochA = grantA.epoch();
        assertThatThrownBy(() -> afterClaim.renew(epochA, Long.MAX_VALUE)).isInstanceOf(SqlException.class);

        long lastA = 0;
        long firstB = -1;
        for (int step = 0; step < 400 && firstB < 0; step++) {
            clock.advance(10);
            long a = allocator.take(1);
            if (clock.nanoTime() - renewalSent >= TimeUnit.MILLISECONDS.toNanos(TimestampAllocator.RENEW_EVERY_MILLIS)) {
                b.renewed(grantB.epoch(), b.renewalLimit(), clock.nanoTime()); // B renews during its wait
            }
            long fromB = b.take(1);
            assertThat(a > 0 && fromB > 0).as("both serve at step " + step).isFalse();
            lastA = Math.max(lastA, a);
            firstB = fromB;
        }
        assertThat(firstB).isGreaterThan(lastA).isGreaterThan(limitA);
    }

    @Test
    void aReleasedEpochNeedsNoWaitAndTakesNoMoreRenewals() {
        claimFirst();
        assertThat(allocator.take(1)).isPositive();
        long held = allocator.release();
        assertThat(held).isEqualTo(1);
        assertThat(allocator.take(1)).as("stops serving before the release is sent").isEqualTo(-1);

        TimestampLease stored = TimestampLease.claimedBy("a", new TimestampLease.Grant(1, ts(100), ts(103), false));
        TimestampLease released = stored.release(held);
        assertThat(released.released()).isTrue();
        assertThatThrownBy(() -> released.renew(held, ts(200))).isInstanceOf(SqlException.class);
        assertThat(released.grant(ts(50), ts(3)).hadHolder()).isFalse();
        assertThat(released.grant(ts(50), ts(3)).base()).isEqualTo(ts(103));
        TimestampLease claimedByB = TimestampLease.claimedBy("b", released.grant(ts(50), ts(3)));
        assertThat(claimedByB.release(held)).as("a late release of an old epoch changes nothing").isEqualTo(claimedByB);
        assertThat(claimedByB.grant(ts(50), ts(3)).hadHolder()).isTrue();
    }

    private void claimFirst() {
        allocator.claimed(TimestampLease.NONE.grant(allocator.nowTimestamp(), TimestampAllocator.WINDOW),
                clock.nanoTime(), clock.nanoTime());
    }
}
