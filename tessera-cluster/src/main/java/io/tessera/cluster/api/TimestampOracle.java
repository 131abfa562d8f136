package io.tessera.cluster.api;

/**
 * The cluster's timestamp oracle: one source of transaction timestamps for every node.
 *
 * <p>Contract of {@link #next()}: the returned timestamp is strictly larger than every timestamp
 * the oracle handed out, to any caller on any node, before this call began. It never goes
 * backwards: not across a change of the metadata leader, not across a restart of every node.
 * Timestamps have the {@code HybridClock} format {@code (physical millis << 16) | logical}, the
 * physical part close to the metadata leader's wall clock, so they compare with hybrid times.
 *
 * <p>Example: a gateway takes a snapshot timestamp for a statement; a transaction that committed
 * (took its commit timestamp) before that statement started has a smaller commit timestamp, so the
 * statement sees it.
 *
 * <p>Thread-safe; callers on many threads share one oracle per node. Fails with a
 * {@code SqlException} 08006 when no metadata leader hands out timestamps within a few seconds
 * (no quorum of the metadata group), 57014 when the calling thread is interrupted.
 */
public interface TimestampOracle {

    /** A timestamp larger than every one handed out before this call; see the class contract. */
    long next();
}
