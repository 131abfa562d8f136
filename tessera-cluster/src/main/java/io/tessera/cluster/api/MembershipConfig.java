package io.tessera.cluster.api;

import java.util.List;
import java.util.Map;

/**
 * How a node takes part in the cluster.
 *
 * @param join RPC addresses of nodes already in the cluster; empty to start a new cluster
 * @param sqlAddress, httpAddress where clients and operators reach this node (shown in tessera.nodes)
 * @param deadAfterMillis silence after which a node is dead and its replicas are re-created elsewhere
 */
public record MembershipConfig(List<String> join, Map<String, String> labels, String sqlAddress, String httpAddress,
        long deadAfterMillis) {
    /** A heartbeat a second: liveness is known within seconds, at a few metadata commands per second. */
    public static final long HEARTBEAT_MILLIS = 1_000;
    /** Three missed heartbeats make a node suspect (not yet dead: nothing moves). */
    public static final long SUSPECT_AFTER_MILLIS = 3 * HEARTBEAT_MILLIS;

    public MembershipConfig {
        join = List.copyOf(join);
        labels = Map.copyOf(labels);
        if (deadAfterMillis < SUSPECT_AFTER_MILLIS) {
            throw new IllegalArgumentException("dead-after must be at least " + SUSPECT_AFTER_MILLIS + " ms");
        }
    }

    /** A single node of its own cluster. */
    public static MembershipConfig standalone(String sqlAddress, String httpAddress) {
        return new MembershipConfig(List.of(), Map.of(), sqlAddress, httpAddress, 5 * 60_000);
    }
}
