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
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>A replica unchanged since its last complete sweep (same applied Raft index) is skipped until
 * the horizon reaches the oldest version that sweep left above its horizon: before that, nothing
 * in it can have become garbage. So an idle fragment is read once, not every interval.
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

    /** The fragment replicas of this node, as the collector sees them. */
    public interface Replicas {
        Collection<Long> fragmentIds();

        /**
         * A mark that moves whenever the replica's versions may have changed (its applied Raft
         * index: every write and every installed snapshot is applied); empty when it is gone.
         */
        OptionalLong changeMark(long fragmentId);
    }

    /** What the last complete sweep of a replica left: its change mark then, and the oldest version above its horizon. */
    private record Swept(long changeMark, long minTsAboveHorizon) {}

    private final String owner;
    private final StorageEngine storage;
    private final Replicas replicas;
    private final Clock clock;
    private final long windowMillis;
    private final KvMetrics metrics;
    private final ScheduledExecutorService executor;
    /** The highest horizon a collection has used or announced; reads below it are refused. */
    private final AtomicLong published = new AtomicLong();
    /** One sweep at a time: two would walk the same spans and count each removal twice. */
    private final Object sweepLock = new Object();
    /** Per fragment id, under sweepLock. */
    private final Map<Long, Swept> swept = new HashMap<>();
    private State state = State.NEW;

    /**
     * @param owner names the node in log lines
     * @param replicas the fragment replicas on this node, read at every sweep
     */
    public VersionCollector(String owner, StorageEngine storage, Replicas replicas, Clock clock,
            Duration window, KvMetrics metrics) {
        if (window.compareTo(StorageNodeConfig.GC_WINDOW_MIN) < 0) {
            throw new IllegalArgumentException("the garbage-collection window must be at least "
                    + StorageNodeConfig.GC_WINDOW_MIN + ": " + window);
        }
        this.owner = owner;
        this.storage = storage;
        this.replicas = replicas;
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
            Collection<Long> fragmentIds = replicas.fragmentIds();
            swept.keySet().retainAll(fragmentIds);
            long removed = 0;
            for (long fragmentId : fragmentIds) {
                OptionalLong mark = replicas.changeMark(fragmentId); // read before the sweep: a racing write moves it
                Swept last = swept.get(fragmentId);
                if (mark.isEmpty()) {
                    swept.remove(fragmentId);
                } else if (last == null || last.changeMark() != mark.getAsLong() || horizon >= last.minTsAboveHorizon()) {
                    removed += collectFragment(fragmentId, horizon, mark.getAsLong());
                }
            }
            return removed;
        }
    }

    /** Sweeps one replica's span pass by pass; remembers the outcome when the sweep completed. */
    private long collectFragment(long fragmentId, long horizon, long changeMark) {
        byte[] from = FragmentKeys.prefix(fragmentId);
        byte[] end = FragmentKeys.storageEnd(fragmentId, null);
        long removed = 0;
        long minTsAboveHorizon = Long.MAX_VALUE;
        while (from != null && !isClosed()) {
            GcPass pass = storage.collectGarbage(from, end, horizon, StorageEngine.GC_VERSIONS_PER_PASS);
            removed += pass.versionsRemoved();
            minTsAboveHorizon = Math.min(minTsAboveHorizon, pass.minTsAboveHorizon());
            if (pass.versionsRemoved() > 0) {
                metrics.collected(fragmentId, pass.versionsRemoved());
            }
            from = pass.resumeKey();
        }
        if (from == null) {
            swept.put(fragmentId, new Swept(changeMark, minTsAboveHorizon));
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
