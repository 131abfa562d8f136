package io.tessera.cluster.api;

import io.tessera.replication.api.Peer;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as this node sees it: the node registry with liveness, where every fragment's
 * replicas are, and the operator's controls. Reads come from this node's replica of the metadata
 * group (every node has one: a voter on the first 3 or 5 nodes, a listener on the others).
 */
public interface Cluster {

    /** This node's id. */
    String selfId();

    List<NodeDescriptor> nodes();

    Optional<NodeDescriptor> node(String id);

    /** A node's liveness now, from the age of its last heartbeat. */
    NodeDescriptor.Liveness liveness(NodeDescriptor node);

    Optional<Placement> placement(long fragmentId);

    /**
     * The members of a fragment's Raft group to send requests to (the current members and the
     * wanted ones, with their RPC addresses); empty when the fragment is unknown here.
     */
    List<Peer> peers(long fragmentId);

    /** The node currently leading the metadata group, as this node knows it. */
    Optional<String> metaLeader();

    /**
     * Starts draining a node: its replicas move to other nodes, then it is DECOMMISSIONED and can
     * be stopped. 42704 for an unknown node. Returns the node's new admin state.
     */
    NodeDescriptor.AdminState decommission(String nodeId);

    /**
     * What every node's Raft host reports about the groups it hosts, asked over the nodes' RPC
     * (nodes that do not answer within a short deadline are left out).
     */
    List<ReplicaStatus> replicaStatuses();

    /** One replica of a group, as the node holding it reports. */
    record ReplicaStatus(String nodeId, long fragmentId, boolean meta, String leaderId, boolean leader, long term,
            long appliedIndex, long sizeBytes) {}
}
