package io.tessera.replication.api;

import io.tessera.replication.impl.RatisRaftHost;
import io.tessera.storage.api.StorageEngine;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The node's one Raft server (Apache Ratis over gRPC), hosting many groups: the metadata group and
 * one group per fragment replica on this node. Thread-safe.
 *
 * <p>Lifecycle: {@code open} → {@link #start()} (reopens every group found in the Raft directory and
 * elects leaders) → use → {@link #close()} (stops accepting commands, closes groups). Failures of
 * submitted commands are {@code SqlException}s: 08006 when no leader answers before the deadline or
 * the group is not hosted here, 57P01 when the host is shutting down, 53100 when a replica's disk is
 * full, and whatever deterministic error the state machine raised (e.g. 42P07 from the catalog).
 */
public interface RaftHost extends AutoCloseable {

    /**
     * Creates the host; {@code factories} must cover every group kind except FRAGMENT, whose state
     * machine (a {@link FragmentCommand} applied to {@code storage}) the host provides itself.
     */
    static RaftHost open(RaftHostConfig config, StorageEngine storage, Map<GroupKey.Kind, StateMachineFactory> factories) {
        return RatisRaftHost.open(config, storage, factories, RaftMetrics.unregistered());
    }

    static RaftHost open(RaftHostConfig config, StorageEngine storage, Map<GroupKey.Kind, StateMachineFactory> factories,
            RaftMetrics metrics) {
        return RatisRaftHost.open(config, storage, factories, metrics);
    }

    void start();

    /** This node as a peer; its address has the real port once started. */
    Peer self();

    /**
     * Creates this node's replica of a group with the given members (this node among them) and
     * waits, for a group of one, until it has a leader. Idempotent: an existing group is left as is.
     * For a group of several peers, every peer's host must be asked to create it.
     */
    void createGroup(GroupKey key, List<Peer> peers);

    /** {@link #createGroup} for many groups at once, created in parallel. */
    void createGroups(Collection<GroupKey> keys, List<Peer> peers);

    /** Removes this node's replica: its Raft directory and everything its state machine stored. */
    void removeGroup(GroupKey key);

    /** {@link #removeGroup} for many groups at once, removed in parallel. */
    void removeGroups(Collection<GroupKey> keys);

    boolean hasGroup(GroupKey key);

    Set<GroupKey> groups();

    /** This replica's view of a group it hosts; 42P01 when the node does not host it. */
    GroupStatus status(GroupKey key);

    /**
     * Whether this node leads the group and has applied every entry committed before its term
     * (Raft's "leader ready"): only then does its local state hold every acknowledged write.
     */
    boolean leadsReady(GroupKey key);

    /** The id of the group's leader as this node knows it; empty during an election or if not hosted. */
    Optional<String> leaderId(GroupKey key);

    /**
     * Replicates a command through the group's log; completes with the state machine's reply after
     * the entry is committed (fsynced on a majority) and applied on this node.
     */
    CompletableFuture<byte[]> submit(GroupKey key, byte[] command);

    /** {@link #submit} and wait, rethrowing the failure as the {@code SqlException} it carries. */
    byte[] call(GroupKey key, byte[] command);

    /** A linearizable read of the group's applied state through its leader. */
    CompletableFuture<byte[]> query(GroupKey key, byte[] request);

    /** Takes a snapshot of the group now (normally automatic); returns its log index. */
    long snapshot(GroupKey key);

    /** The first index still in the group's Raft log on this node (grows when the log is purged). */
    long firstLogIndex(GroupKey key);

    // ---- Cluster operations: groups this node may not host, other nodes' replicas, node RPC ----

    /**
     * {@link #submit} to a group that need not be hosted here: sent to its leader among
     * {@code peers} (through a Ratis client that follows leader changes and retries, with the same
     * call id, until the request deadline). Uses the local replica when there is one.
     */
    CompletableFuture<byte[]> submit(GroupKey key, List<Peer> peers, byte[] command);

    /** {@link #query} of a group that need not be hosted here: a linearizable read at its leader. */
    CompletableFuture<byte[]> query(GroupKey key, List<Peer> peers, byte[] request);

    /**
     * Creates {@code target}'s replica of a group (target may be this node) with the given
     * membership, through Ratis' group management on that node. Idempotent: an existing replica is
     * left as is. Does not wait for a leader.
     */
    void createGroupOn(Peer target, GroupKey key, Membership membership);

    /**
     * Creates an empty replica of an existing group on {@code target}, to be added next by
     * {@link #setMembership}: it knows no members, so it starts no election of its own (a replica
     * created with the new membership may campaign before the leader has added it, and be told to
     * shut down). Idempotent.
     */
    void createLearnerOn(Peer target, GroupKey key);

    /** Removes {@code target}'s replica of a group with its data; nothing happens when it has none. */
    void removeGroupOn(Peer target, GroupKey key);

    /**
     * Changes a group's membership through its leader (found among {@code currentPeers}); Raft's
     * joint consensus keeps the group available throughout. Every new member must already host the
     * group ({@link #createGroupOn}); it catches up from the leader's log or, when that was purged,
     * by installing a snapshot. Returns when the new configuration is committed.
     */
    void setMembership(GroupKey key, List<Peer> currentPeers, Membership next);

    /** Asks the group's leader (among {@code peers}) to hand leadership to {@code newLeaderId}, and waits for it. */
    void transferLeadership(GroupKey key, List<Peer> peers, String newLeaderId);

    /**
     * Registers the handler of a node-to-node RPC method (served on the Raft port, gRPC). Handlers
     * run on RPC threads; a {@code SqlException} they throw reaches the caller with its SQLSTATE.
     */
    void registerRpc(String method, java.util.function.Function<byte[], byte[]> handler);

    /**
     * Calls {@code method} on the node at {@code address} (host:port of its Raft/RPC server).
     * Fails with 08006 when the node cannot be reached before the request deadline, and with the
     * handler's SqlException otherwise.
     */
    CompletableFuture<byte[]> callRpc(String address, String method, byte[] request);

    @Override
    void close();
}
