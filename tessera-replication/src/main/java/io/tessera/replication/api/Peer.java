package io.tessera.replication.api;

/**
 * A node as a member of Raft groups.
 *
 * @param id the node's stable id (its Raft peer id)
 * @param address host:port of the node's internal RPC (Raft over gRPC)
 */
public record Peer(String id, String address) {
    public Peer {
        if (id == null || id.isBlank() || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("peer id must be 1-64 of [A-Za-z0-9_.-]: " + id);
        }
        HostPort.parse(address);
    }
}
