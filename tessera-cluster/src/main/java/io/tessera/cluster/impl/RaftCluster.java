package io.tessera.cluster.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tessera.cluster.api.Cluster;
import io.tessera.cluster.api.MembershipConfig;
import io.tessera.cluster.api.NodeDescriptor;
import io.tessera.cluster.api.Placement;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.time.Clock;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.GroupStatus;
import io.tessera.replication.api.Peer;
import io.tessera.replication.api.RaftHost;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node registry and its protocol: joining (an RPC to a node already in the cluster, which
 * registers the newcomer in the metadata group; the placement driver then adds it to that group),
 * registering at every start, heartbeats, and the status RPC every node answers for
 * {@code tessera.fragments}.
 */
final class RaftCluster implements Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(RaftCluster.class);
    static final String JOIN_RPC = "cluster.join";
    static final String STATUS_RPC = "cluster.status";
    static final String CLUSTER_ID_RPC = "cluster.id";
    /** How long a joining node waits to be given its replica of the metadata group. */
    private static final long JOIN_WAIT_MILLIS = 60_000;
    /** Deadline of a heartbeat or registration sent on this node's behalf by a peer. */
    private static final long PEER_RPC_DEADLINE_MILLIS = 3_000;
    /** How long a joining node keeps asking its --join addresses before it gives up. */
    private static final long JOIN_RETRY_MILLIS = 20_000;
    /** Deadline of the join RPC: the seed registers us through one metadata command. */
    private static final long JOIN_RPC_DEADLINE_MILLIS = 15_000;
    /** Deadline of the status RPC: tessera.fragments leaves out nodes slower than this. */
    private static final long STATUS_DEADLINE_MILLIS = 2_000;

    private final RaftHost host;
    private final RaftCatalog.View view;
    private final MembershipConfig config;
    private final Clock clock;
    private final LongUnaryOperator fragmentSize;
    private final ClusterIdFile clusterId;

    RaftCluster(RaftHost host, RaftCatalog.View view, MembershipConfig config, Clock clock, LongUnaryOperator fragmentSize,
            ClusterIdFile clusterId) {
        this.clusterId = clusterId;
        this.host = host;
        this.view = view;
        this.config = config;
        this.clock = clock;
        this.fragmentSize = fragmentSize;
    }

    MembershipConfig config() {
        return config;
    }

    /** Makes this node a member: bootstraps a new cluster, or joins one, or (on restart) re-registers. */
    void enter() {
        host.registerRpc(JOIN_RPC, this::onJoin);
        host.registerRpc(STATUS_RPC, request -> CatalogStore.write(localStatuses()));
        host.registerRpc(CLUSTER_ID_RPC, request -> clusterId.read().orElse("").getBytes(StandardCharsets.US_ASCII));
        if (!host.hasGroup(GroupKey.META)) {
            if (config.join().isEmpty()) {
                LOG.info("node {} starting a new cluster {}", selfId(), clusterId.readOrCreate());
                host.createGroup(GroupKey.META, List.of(host.self()));
            } else {
                join();
                return;
            }
            host.call(GroupKey.META, CatalogStore.write(registration()));
        } else {
            // A restart: the metadata group may have no quorum until the other nodes are up too, so
            // registration (new addresses, labels) must not hold up this node's start.
            checkSameCluster();
            Thread.ofVirtual().name("register-" + selfId()).start(this::registerUntilDone);
        }
    }

    private void registerUntilDone() {
        while (true) {
            if (sendToMetadata(CatalogStore.write(registration())) || sendThroughPeers(CatalogStore.write(registration()))) {
                return;
            }
            LOG.info("node {} registration not done yet; trying again", selfId());
            sleep(MembershipConfig.HEARTBEAT_MILLIS);
        }
    }

    /**
     * On a restart with --join: the data directory must belong to the cluster of the named nodes.
     * Best effort: a restart must not depend on the seed being up, so silence is accepted.
     */
    private void checkSameCluster() {
        Optional<String> mine = clusterId.read();
        for (String seed : config.join()) {
            Optional<String> theirs = seedClusterId(seed);
            if (theirs.isPresent() && mine.isPresent() && !theirs.get().equals(mine.get())) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "this data directory belongs to cluster "
                        + mine.get() + ", but " + seed + " is a node of cluster " + theirs.get())
                        .withHint("Start the node with an empty --data-dir to join that cluster.");
            }
            if (theirs.isPresent()) {
                return;
            }
        }
    }

    private Optional<String> seedClusterId(String seed) {
        try {
            String id = new String(host.callRpc(seed, CLUSTER_ID_RPC, new byte[0])
                    .get(JOIN_RPC_DEADLINE_MILLIS, TimeUnit.MILLISECONDS), StandardCharsets.US_ASCII);
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private MetaCommand.RegisterNode registration() {
        NodeDescriptor self = new NodeDescriptor(selfId(), host.self().address(), config.sqlAddress(), config.httpAddress(),
                config.labels(), clock.nowMillis(), NodeDescriptor.AdminState.ACTIVE);
        return new MetaCommand.RegisterNode(self, clock.nowMillis(), MembershipConfig.SUSPECT_AFTER_MILLIS);
    }

    /** Asks each --join address in turn to register this node, then waits for the metadata replica. */
    /**
     * Asks the --join addresses in turn to register this node, round after round for up to
     * {@link #JOIN_RETRY_MILLIS} (a whole cluster restarting brings its nodes up in any order), then
     * waits for the metadata replica. A refusal (another cluster's directory, a taken node id) is final.
     */
    private void join() {
        byte[] request = CatalogStore.write(registration());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_RETRY_MILLIS);
        SqlException last;
        do {
            last = null;
            for (String seed : config.join()) {
                try {
                    joinThrough(seed, request);
                    return;
                } catch (SqlException e) {
                    if (e.sqlState().equals(SqlState.INVALID_PARAMETER_VALUE) || e.sqlState().equals(SqlState.DUPLICATE_OBJECT)) {
                        throw e; // the cluster refused this node: asking again would not help
                    }
                    last = e;
                    LOG.warn("node {} could not join through {}: {}", selfId(), seed, e.getMessage());
                }
            }
            sleep(MembershipConfig.HEARTBEAT_MILLIS);
        } while (System.nanoTime() < deadline);
        throw new SqlException(last.sqlState(), "could not join the cluster through " + String.join(",", config.join())
                + " within " + JOIN_RETRY_MILLIS / 1000 + " s: " + last.getMessage(), last);
    }

    private void joinThrough(String seed, byte[] request) {
        String theirs = new String(await(host.callRpc(seed, CLUSTER_ID_RPC, new byte[0])), StandardCharsets.US_ASCII);
        Optional<String> mine = clusterId.read();
        if (mine.isPresent() && !mine.get().equals(theirs)) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "this data directory belongs to cluster "
                    + mine.get() + ", but " + seed + " is a node of cluster " + theirs)
                    .withHint("Start the node with an empty --data-dir to join that cluster.");
        }
        await(host.callRpc(seed, JOIN_RPC, request));
        clusterId.write(theirs);
        LOG.info("node {} registered through {}; waiting for its metadata replica", selfId(), seed);
        awaitMetadataReplica(seed, request);
    }

    private static byte[] await(CompletableFuture<byte[]> reply) {
        try {
            return reply.get(JOIN_RPC_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof SqlException s ? s
                    : new SqlException(SqlState.CONNECTION_FAILURE, String.valueOf(e.getCause()), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SqlException(SqlState.CONNECTION_FAILURE, "no answer within " + JOIN_RPC_DEADLINE_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "interrupted while joining");
        }
    }

    /**
     * Waits for the placement driver to give this node its metadata replica; meanwhile registers
     * again through the seed every heartbeat interval, which stands for the heartbeats this node
     * cannot send yet, so it does not look dead while it waits.
     */
    private void awaitMetadataReplica(String seed, byte[] registration) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_WAIT_MILLIS);
        long nextBeat = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (host.hasGroup(GroupKey.META) && view.get().nodes().containsKey(selfId())) {
                return;
            }
            if (System.nanoTime() >= nextBeat) {
                host.callRpc(seed, JOIN_RPC, registration);
                nextBeat = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MembershipConfig.HEARTBEAT_MILLIS);
            }
            sleep(50);
        }
        throw new SqlException(SqlState.CONNECTION_FAILURE, "joined, but the cluster gave this node no replica of the"
                + " metadata group within " + JOIN_WAIT_MILLIS + " ms; is the cluster's metadata leader up?");
    }

    /** On a node already in the cluster: registers the newcomer through the metadata group. */
    private byte[] onJoin(byte[] request) {
        MetaCommand.RegisterNode registration = CatalogStore.read(request, MetaCommand.class) instanceof MetaCommand.RegisterNode r
                ? r : null;
        if (registration == null) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "join request is not a node registration");
        }
        if (!host.hasGroup(GroupKey.META)) {
            throw new SqlException(SqlState.CANNOT_CONNECT_NOW, "node " + selfId() + " is itself not yet in a cluster");
        }
        NodeDescriptor known = view.get().nodes().get(registration.node().id());
        if (known != null && known.adminState() == NodeDescriptor.AdminState.DECOMMISSIONED) {
            throw new SqlException(SqlState.DUPLICATE_OBJECT, "node " + known.id() + " was decommissioned from this cluster")
                    .withHint("To use this machine again, start it with an empty --data-dir: it joins as a new node.");
        }
        // Stamped with this node's clock now: the newcomer sends heartbeats only once it has its
        // metadata replica, and must not look dead before that.
        long now = clock.nowMillis();
        MetaCommand.RegisterNode stamped = new MetaCommand.RegisterNode(registration.node().withHeartbeat(now), now,
                registration.suspectAfterMillis());
        host.call(GroupKey.META, CatalogStore.write(stamped));
        LOG.info("node {} registered joining node {} at {}", selfId(), registration.node().id(), registration.node().rpcAddress());
        return new byte[0];
    }

    /** Sends this node's heartbeat without waiting; a lost one is covered by the next. */
    /**
     * Sends this node's heartbeat through its own replica of the metadata group. When that fails
     * (this node was dropped from the group while it was down, or its replica is stale and sees no
     * leader), it registers again through another node instead: a registration through a peer is
     * stamped with the peer's clock and stands for a heartbeat, so the node comes back to life and
     * the placement driver gives it a metadata replica again.
     */
    void heartbeat() {
        try {
            if (!sendToMetadata(CatalogStore.write(new MetaCommand.Heartbeat(selfId(), clock.nowMillis())))) {
                sendThroughPeers(CatalogStore.write(registration()));
            }
        } catch (RuntimeException e) {
            LOG.debug("node {} heartbeat not sent: {}", selfId(), e.getMessage());
        }
    }

    /** A metadata command through this node's replica, waiting at most a heartbeat interval or two. */
    private boolean sendToMetadata(byte[] command) {
        if (!host.hasGroup(GroupKey.META)) {
            return false;
        }
        try {
            host.submit(GroupKey.META, command).get(PEER_RPC_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.debug("node {} metadata command through its own replica failed: {}", selfId(), e.getMessage());
            return false;
        }
    }

    /** Registers this node through the first other node (registry, then --join addresses) that takes it. */
    private boolean sendThroughPeers(byte[] registration) {
        java.util.LinkedHashSet<String> addresses = new java.util.LinkedHashSet<>();
        for (NodeDescriptor n : view.get().nodes().values()) {
            if (!n.id().equals(selfId()) && n.adminState() != NodeDescriptor.AdminState.DECOMMISSIONED) {
                addresses.add(n.rpcAddress());
            }
        }
        addresses.addAll(config.join());
        addresses.remove(host.self().address());
        for (String address : addresses) {
            try {
                host.callRpc(address, JOIN_RPC, registration).get(PEER_RPC_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                LOG.debug("node {} registration through {} failed: {}", selfId(), address, e.getMessage());
            }
        }
        return false;
    }

    @Override
    public String selfId() {
        return host.self().id();
    }

    @Override
    public List<NodeDescriptor> nodes() {
        return List.copyOf(view.get().nodes().values());
    }

    @Override
    public Optional<NodeDescriptor> node(String id) {
        return Optional.ofNullable(view.get().nodes().get(id));
    }

    @Override
    public NodeDescriptor.Liveness liveness(NodeDescriptor node) {
        if (node.id().equals(selfId())) {
            return NodeDescriptor.Liveness.LIVE;
        }
        return node.liveness(clock.nowMillis(), MembershipConfig.SUSPECT_AFTER_MILLIS, config.deadAfterMillis());
    }

    /** Ids of the nodes that may receive new replicas (live and active), sorted. */
    List<String> eligibleNodeIds() {
        return nodes().stream()
                .filter(n -> n.adminState() == NodeDescriptor.AdminState.ACTIVE)
                .filter(n -> liveness(n) == NodeDescriptor.Liveness.LIVE)
                .map(NodeDescriptor::id).sorted().toList();
    }

    @Override
    public Optional<Placement> placement(long fragmentId) {
        return Optional.ofNullable(view.get().placements().get(fragmentId));
    }

    @Override
    public List<Peer> peers(long fragmentId) {
        Placement p = view.get().placements().get(fragmentId);
        return p == null ? List.of() : peersOf(p.everyone());
    }

    /** The peers of the given node ids that the registry knows. */
    List<Peer> peersOf(List<String> nodeIds) {
        List<Peer> out = new ArrayList<>();
        for (String id : nodeIds) {
            NodeDescriptor n = view.get().nodes().get(id);
            if (n != null) {
                out.add(new Peer(n.id(), n.rpcAddress()));
            } else if (id.equals(selfId())) {
                out.add(host.self());
            }
        }
        return out;
    }

    Peer peer(String nodeId) {
        List<Peer> p = peersOf(List.of(nodeId));
        if (p.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "node \"%s\" does not exist", nodeId);
        }
        return p.get(0);
    }

    @Override
    public Optional<String> metaLeader() {
        return host.hasGroup(GroupKey.META) ? host.leaderId(GroupKey.META) : Optional.empty();
    }

    @Override
    public NodeDescriptor.AdminState decommission(String nodeId) {
        if (!view.get().nodes().containsKey(nodeId)) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "node \"%s\" does not exist", nodeId);
        }
        NodeDescriptor.AdminState state = view.get().nodes().get(nodeId).adminState();
        if (state == NodeDescriptor.AdminState.ACTIVE) {
            host.call(GroupKey.META, CatalogStore.write(
                    new MetaCommand.SetAdminState(nodeId, NodeDescriptor.AdminState.DECOMMISSIONING)));
            LOG.info("node {} decommissioning requested", nodeId);
            return NodeDescriptor.AdminState.DECOMMISSIONING;
        }
        return state;
    }

    /** This node's replicas: what its Raft host knows about each group it hosts. */
    List<ReplicaStatus> localStatuses() {
        List<ReplicaStatus> out = new ArrayList<>();
        for (GroupKey key : host.groups()) {
            try {
                GroupStatus s = host.status(key);
                boolean meta = key.kind() == GroupKey.Kind.META;
                out.add(new ReplicaStatus(selfId(), key.id(), meta, s.leaderId(), s.leader(), s.term(), s.appliedIndex(),
                        meta ? 0 : fragmentSize.applyAsLong(key.id())));
            } catch (SqlException e) {
                // Removed while we looked: not a replica any more.
            }
        }
        return out;
    }

    @Override
    public List<ReplicaStatus> replicaStatuses() {
        List<CompletableFuture<List<ReplicaStatus>>> asks = new ArrayList<>();
        for (NodeDescriptor n : nodes()) {
            if (n.id().equals(selfId())) {
                asks.add(CompletableFuture.completedFuture(localStatuses()));
            } else if (liveness(n) != NodeDescriptor.Liveness.DEAD && n.adminState() != NodeDescriptor.AdminState.DECOMMISSIONED) {
                asks.add(host.callRpc(n.rpcAddress(), STATUS_RPC, new byte[0])
                        .thenApply(RaftCluster::readStatuses)
                        .completeOnTimeout(List.of(), STATUS_DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                        .exceptionally(e -> List.of()));
            }
        }
        List<ReplicaStatus> out = new ArrayList<>();
        asks.forEach(a -> out.addAll(a.join()));
        return out;
    }

    private static List<ReplicaStatus> readStatuses(byte[] bytes) {
        try {
            return CatalogStore.JSON.readValue(bytes, new TypeReference<List<ReplicaStatus>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad status reply: " + e.getMessage(), e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "interrupted");
        }
    }
}
