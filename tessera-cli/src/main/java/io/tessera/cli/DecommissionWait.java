package io.tessera.cli;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Waits for a decommissioning node to be drained: polls its row of {@code tessera.nodes} every
 * {@link #POLL_INTERVAL} until its state is {@code decommissioned}, its row is gone, or the deadline
 * passes. A line is printed each time state or replica count changes, so a slow drain shows
 * progress without repeating itself every second. Time and sleeping are arguments, so a test runs
 * a ten-minute wait in no time.
 */
final class DecommissionWait {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final String DECOMMISSIONED = "decommissioned";

    /** One poll's view of the node. */
    record Progress(String state, long replicas) {
        Progress {
            Objects.requireNonNull(state, "state");
        }
    }

    /** Reads the node's current row; empty when the node is no longer listed. */
    @FunctionalInterface
    interface ProgressSource {
        Optional<Progress> poll() throws SQLException;
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    enum Outcome { DECOMMISSIONED, REMOVED, TIMED_OUT }

    private final ProgressSource source;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Consumer<String> out;

    DecommissionWait(ProgressSource source, LongSupplier nanoTime, Sleeper sleeper, Consumer<String> out) {
        this.source = source;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.out = out;
    }

    Outcome await(String nodeId, Duration timeout) throws SQLException, InterruptedException {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        Progress last = null;
        while (true) {
            Optional<Progress> now = source.poll();
            if (now.isEmpty()) {
                out.accept("node " + nodeId + " is no longer listed in tessera.nodes");
                return Outcome.REMOVED;
            }
            Progress p = now.get();
            if (!p.equals(last)) {
                out.accept("node " + nodeId + ": " + p.state() + ", " + p.replicas() + " replicas left");
                last = p;
            }
            if (p.state().equals(DECOMMISSIONED)) {
                return Outcome.DECOMMISSIONED;
            }
            if (nanoTime.getAsLong() - deadline >= 0) {
                return Outcome.TIMED_OUT;
            }
            sleeper.sleep(POLL_INTERVAL);
        }
    }
}
