package io.tessera.cluster.api;

import java.util.Map;
import java.util.Objects;

/**
 * A node as the cluster's registry knows it: where to reach it, its placement labels, when it was
 * last heard from, and what the operator wants of it.
 *
 * @param lastHeartbeatMillis wall-clock time (of the node itself) of its last heartbeat
 */
public record NodeDescriptor(String id, String rpcAddress, String sqlAddress, String httpAddress,
        Map<String, String> labels, long lastHeartbeatMillis, AdminState adminState) {

    /** What the operator asked of a node; liveness is separate ({@link Liveness}). */
    public enum AdminState {
        /** Holds replicas and leads. */
        ACTIVE,
        /** Being drained: its replicas move to other nodes, it receives none. */
        DECOMMISSIONING,
        /** Drained: holds no replica; can be stopped without losing availability. */
        DECOMMISSIONED
    }

    /** What a node looks like to the others, from the age of its last heartbeat. */
    public enum Liveness {
        LIVE, SUSPECT, DEAD
    }

    public NodeDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rpcAddress, "rpcAddress");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        adminState = adminState == null ? AdminState.ACTIVE : adminState;
    }

    public NodeDescriptor withHeartbeat(long millis) {
        return new NodeDescriptor(id, rpcAddress, sqlAddress, httpAddress, labels, Math.max(lastHeartbeatMillis, millis),
                adminState);
    }

    public NodeDescriptor withAdminState(AdminState state) {
        return new NodeDescriptor(id, rpcAddress, sqlAddress, httpAddress, labels, lastHeartbeatMillis, state);
    }

    /** Liveness at {@code nowMillis}: suspect after {@code suspectAfterMillis} of silence, dead after {@code deadAfterMillis}. */
    public Liveness liveness(long nowMillis, long suspectAfterMillis, long deadAfterMillis) {
        long silent = nowMillis - lastHeartbeatMillis;
        if (silent > deadAfterMillis) {
            return Liveness.DEAD;
        }
        return silent > suspectAfterMillis ? Liveness.SUSPECT : Liveness.LIVE;
    }
}
