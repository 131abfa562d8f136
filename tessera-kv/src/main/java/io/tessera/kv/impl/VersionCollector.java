package io.tessera.kv.impl;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.time.Clock;
import io.tessera.common.time.HybridClock;
import io.tessera.kv.api.KvMetrics;
import io.tessera.kv.api.StorageNodeConfig;
import io.tessera.replication.api.FragmentKeys;
import io.tessera.storage.api.GcPass;
import io.tessera.storage.api.StorageEngine;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage-collects the old MVCC versions of every fragment replica on this node, in the background:
 * every {@link #intervalOf interval} it removes, in each replica's span, the versions no read at a
 * timestamp at or after the horizon {@code hybrid(now - window)} can see.
 *
 * <p>It runs locally on each replica, not through Raft: the removal changes nothing a read at or
 * after the horizon sees, so replicas that collect at different moments stay logically identical.
 * Reads below the horizon must be refused ({@link #checkReadable}); the horizon only moves forward.
 *
 * <p>Lifecycle: NEW → RUNNING ({@link #start}) → CLOSED ({@link #close}, which waits for the pass
 * under way, so storage may be closed right after). {@link #collectNow} works in NEW and RUNNING.
 */
public final class VersionCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VersionCollector.class);
    /** 60 s: with the default 4 h window a version outlives it by at most a minute. */
    static final Duration INTERVAL_MAX = Duration.ofSeconds(60);
    /** 1 s: tests use windows of seconds; more often would only burn the two cores on iteration. */
    static final Duration INTERVAL_MIN = Duration.ofSeconds(1);
    /** How long close() waits for a pass under way; a pass is bounded to a few thousand versions. */
    private static final long CLOSE_WAIT_SECONDS = 30;

    private enum State { NEW, RUNNING, CLOSED }

    private final String owner;
    private final StorageEngine storage;
    private final Supplier<Collection<Long>> fragments;
    private final Clock clock;
    private final long windowMillis;
    private final KvMetrics metrics;
    private final ScheduledExecutorService executor;
    /** The highest horizon a collection has used or announced; reads below it are refused. */
    private final AtomicLong published = new AtomicLong();
    /** One sweep at a time: two would walk the same spans and count each removal twice. */
    private final Object sweepLock = new Object();
    private State state = State.NEW;

    /**
     * @param owner names the node in log lines
     * @param fragments the ids of the fragments with a replica on this node, read at every sweep
     */
    public VersionCollector(String owner, StorageEngine storage, Supplier<Collection<Long>> fragments, Clock clock,
            Duration window, KvMetrics metrics) {
        if (window.compareTo(StorageNodeConfig.GC_WINDOW_MIN) < 0) {
            throw new IllegalArgumentException("the garbage-collection window must be at least "
                    + StorageNodeConfig.GC_WINDOW_MIN + ": " + window);
        }
        this.owner = owner;
        this.storage = storage;
        this.fragments = fragments;
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.metrics = metrics;
        this.executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("version-collector-" + owner).daemon().factory());
    }

    /** How often the collector sweeps: a quarter of the window, between {@link #INTERVAL_MIN} and {@link #INTERVAL_MAX}. */
    static Duration intervalOf(Duration window) {
        Duration quarter = window.dividedBy(4);
        return quarter.compareTo(INTERVAL_MIN) < 0 ? INTERVAL_MIN : quarter.compareTo(INTERVAL_MAX) > 0 ? INTERVAL_MAX : quarter;
    }

    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("version collector of " + owner + " is " + state + ", not NEW");
        }
        state = State.RUNNING;
        long intervalMillis = intervalOf(Duration.ofMillis(windowMillis)).toMillis();
        executor.scheduleWithFixedDelay(this::sweepLogged, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        LOG.info("node {} version collector started windowMillis={} intervalMillis={}", owner, windowMillis, intervalMillis);
    }

    /**
     * The oldest timestamp a read may use: at least every horizon a collection on this node used,
     * now or before a restart (the wall clock has moved on since), so that data visible at or after
     * it is still all there. Never decreases.
     */
    public long horizon() {
        return published.accumulateAndGet(horizonAt(clock.nowMillis()), Math::max);
    }

    private long horizonAt(long nowMillis) {
        return HybridClock.timestampAt(Math.max(0, nowMillis - windowMillis));
    }

    /**
     * Throws 72000 "snapshot too old" when a read at {@code readTs} may miss collected versions.
     * A read checks before it starts; one that runs long checks again when done, since a collection
     * that began meanwhile announced its horizon before deleting anything.
     */
    public void checkReadable(long readTs) {
        long horizon = horizon();
        if (readTs < horizon) {
            throw SqlException.of(SqlState.SNAPSHOT_TOO_OLD, "snapshot too old")
                    .withDetail("The read timestamp " + readTs + " is older than the garbage-collection horizon "
                            + horizon + " (" + windowMillis + " ms before now); versions it would see may be gone.")
                    .withHint("Retry the transaction, or raise --gc-window.");
        }
    }

    /** One sweep of every local replica at the current horizon; returns the versions removed. */
    public long collectNow() {
        synchronized (this) {
            if (state == State.CLOSED) {
                throw new IllegalStateException("version collector of " + owner + " is closed");
            }
        }
        synchronized (sweepLock) {
            long horizon = horizon(); // announced before anything is deleted
            long removed = 0;
            for (long fragmentId : fragments.get()) {
                removed += collectFragment(fragmentId, horizon);
            }
            return removed;
        }
    }

    private long collectFragment(long fragmentId, long horizon) {
        byte[] from = FragmentKeys.prefix(fragmentId);
        byte[] end = FragmentKeys.storageEnd(fragmentId, null);
        long removed = 0;
        while (from != null && !isClosed()) {
            GcPass pass = storage.collectGarbage(from, end, horizon, StorageEngine.GC_VERSIONS_PER_PASS);
            removed += pass.versionsRemoved();
            if (pass.versionsRemoved() > 0) {
                metrics.collected(fragmentId, pass.versionsRemoved());
            }
            from = pass.resumeKey();
        }
        if (removed > 0) {
            LOG.debug("node {} fragment {} versions collected count={} horizon={}", owner, fragmentId, removed, horizon);
        }
        return removed;
    }

    /** The scheduled sweep: an error (a full disk, storage closing) is logged and the next sweep tries again. */
    private void sweepLogged() {
        try {
            long removed = collectNow();
            if (removed > 0) {
                LOG.info("node {} versions collected count={}", owner, removed);
            }
        } catch (SqlException e) {
            LOG.warn("node {} version collection failed sqlState={} error={}", owner, e.sqlState(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("node {} version collection failed", owner, e);
        }
    }

    private synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("node {} version collector still running after {}s", owner, CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
