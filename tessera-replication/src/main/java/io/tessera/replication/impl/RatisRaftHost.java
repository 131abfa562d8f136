package io.tessera.replication.impl;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.GroupStatus;
import io.tessera.replication.api.Membership;
import io.tessera.replication.api.Peer;
import io.tessera.replication.api.RaftHost;
import io.tessera.replication.api.RaftHostConfig;
import io.tessera.replication.api.RaftMetrics;
import io.tessera.replication.api.StateMachineFactory;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageEngine;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import io.tessera.replication.api.HostPort;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.server.GrpcServices;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's Ratis server; see {@link RaftHost}. */
public final class RatisRaftHost implements RaftHost {
    private static final Logger LOG = LoggerFactory.getLogger(RatisRaftHost.class);
    /** Pause between polls while waiting for a new group's first leader. */
    private static final long LEADER_POLL_MILLIS = 10;
    /** Snapshot installations run at once: each writes a replica's whole span into RocksDB. */
    private static final int INSTALLS_MAX = 4;

    enum State { NEW, RUNNING, CLOSED }

    private final RaftHostConfig config;
    private final StorageEngine storage;
    private final Map<GroupKey.Kind, StateMachineFactory> factories;
    private final RaftMetrics metrics;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final Submitter submitter;
    private final LeaderForwarder forwarder;
    private final GroupAdmin admin;
    private final NodeRpc rpc;
    private final SnapshotTransfer.Source snapshotSource;
    /** Snapshot installations in progress; more wait in the queue (Ratis hears "in progress" meanwhile). */
    private final ExecutorService installs;
    private volatile State state = State.NEW;
    private RaftServer server;

    private RatisRaftHost(RaftHostConfig config, StorageEngine storage, Map<GroupKey.Kind, StateMachineFactory> factories,
            RaftMetrics metrics) {
        this.config = config;
        this.storage = storage;
        this.factories = factories;
        this.metrics = metrics;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "raft-host-" + config.nodeId() + "-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
        this.forwarder = new LeaderForwarder(RatisProperties.build(config), config.requestTimeoutMillis(), timer);
        this.admin = new GroupAdmin(forwarder, config.requestTimeoutMillis());
        this.rpc = new NodeRpc(config.requestTimeoutMillis(), RatisProperties.GRPC_MESSAGE_SIZE_MAX.getSizeInt());
        this.snapshotSource = new SnapshotTransfer.Source(storage, factories, this::hostsQuietly, timer);
        rpc.register(SnapshotTransfer.METHOD, snapshotSource::handle);
        ThreadPoolExecutor installPool = new ThreadPoolExecutor(INSTALLS_MAX, INSTALLS_MAX, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "raft-host-" + config.nodeId() + "-install");
                    t.setDaemon(true);
                    return t;
                });
        installPool.allowCoreThreadTimeOut(true);
        this.installs = installPool;
        this.submitter = new Submitter(this::serverOrThrow, clientId, callIds, timer, config.requestTimeoutMillis(), forwarder);
    }

    public static RatisRaftHost open(RaftHostConfig config, StorageEngine storage,
            Map<GroupKey.Kind, StateMachineFactory> factories, RaftMetrics metrics) {
        Map<GroupKey.Kind, StateMachineFactory> all = new EnumMap<>(GroupKey.Kind.class);
        all.putAll(factories);
        all.putIfAbsent(GroupKey.Kind.FRAGMENT, FragmentStateMachine.factory());
        for (GroupKey.Kind kind : GroupKey.Kind.values()) {
            if (!all.containsKey(kind)) {
                throw new IllegalArgumentException("no state machine factory for group kind " + kind);
            }
        }
        return new RatisRaftHost(config, storage, Map.copyOf(all), metrics);
    }

    @Override
    public synchronized void start() {
        transition(State.NEW, State.RUNNING);
        try {
            checkAddressFree();
            server = RaftServer.newBuilder()
                    .setServerId(RaftPeerId.valueOf(config.nodeId()))
                    .setProperties(RatisProperties.build(config))
                    .setStateMachineRegistry(this::newStateMachine)
                    .setParameters(rpcParameters())
                    // Reopen every group found in the Raft directory (a fresh directory is fine too).
                    .setOption(RaftStorage.StartupOption.RECOVER)
                    .build();
            server.start();
        } catch (IOException e) {
            state = State.CLOSED;
            closeServerQuietly();
            timer.shutdownNow();
            throw new SqlException(SqlState.CONNECTION_FAILURE, "could not start the Raft server on "
                    + config.rpcAddress() + ": " + e.getMessage(), e);
        }
        LOG.info("node {} raft host started address={} groups={}", config.nodeId(), self().address(), groups().size());
    }

    /** Adds the node RPC service to Ratis' gRPC server (the one serving the Raft port). */
    private Parameters rpcParameters() {
        Parameters parameters = new Parameters();
        GrpcConfigKeys.Server.setServicesCustomizer(parameters, (builder, types) ->
                types.contains(GrpcServices.Type.SERVER) ? builder.addService(rpc.service()) : builder);
        return parameters;
    }

    private void closeServerQuietly() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("node {} raft server close after failed start error={}", config.nodeId(), e.getMessage());
            }
        }
    }

    /**
     * Ratis ends the whole JVM (exit status 1) when its gRPC server cannot bind, so a busy address is
     * detected here first and reported as an error the caller can handle. (A race with another
     * process binding in between still ends the JVM, with Ratis' message.)
     */
    private void checkAddressFree() throws IOException {
        HostPort address = HostPort.parse(config.rpcAddress());
        if (address.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address.host(), address.port()));
        } catch (BindException e) {
            throw new IOException("address " + address + " is already in use", e);
        }
    }

    private boolean hostsQuietly(GroupKey key) {
        return state == State.RUNNING && hasGroup(key);
    }

    /** A blocking node RPC call to another node's snapshot source. */
    private byte[] callSnapshotSource(String address, byte[] request) {
        try {
            return rpc.call(address, SnapshotTransfer.METHOD, request).join();
        } catch (CompletionException e) {
            throw Submitter.rethrow(e.getCause());
        }
    }

    private StateMachine newStateMachine(RaftGroupId groupId) {
        GroupKey key = GroupKey.fromUuid(groupId.getUuid()).orElseThrow(() ->
                new IllegalStateException("Raft group " + groupId + " was not created by Tessera"));
        return new RatisStateMachine(key, storage, factories.get(key.kind()), metrics, this::callSnapshotSource, installs);
    }

    @Override
    public Peer self() {
        if (server == null) {
            return config.self();
        }
        InetSocketAddress bound = server.getServerRpc().getInetSocketAddress();
        return new Peer(config.nodeId(), io.tessera.replication.api.HostPort.parse(config.rpcAddress()).host() + ":" + bound.getPort());
    }

    @Override
    public void createGroup(GroupKey key, List<Peer> peers) {
        createGroups(List.of(key), peers);
    }

    @Override
    public void createGroups(Collection<GroupKey> keys, List<Peer> peers) {
        checkRunning();
        if (peers.stream().noneMatch(p -> p.id().equals(config.nodeId()))) {
            throw new IllegalArgumentException("groups must include this node " + config.nodeId());
        }
        List<RaftPeer> members = peers.stream().map(RatisRaftHost::toRaftPeer).toList();
        Map<GroupKey, CompletableFuture<RaftClientReply>> adds = new LinkedHashMap<>();
        for (GroupKey key : keys) {
            if (!hasGroup(key)) {
                // All adds in flight at once: each one opens a log and a state machine on its own thread.
                adds.put(key, serverOrThrow().groupManagementAsync(GroupManagementRequest.newAdd(
                        clientId, server.getId(), callIds.incrementAndGet(), RaftGroup.valueOf(groupId(key), members))));
            }
        }
        for (Map.Entry<GroupKey, CompletableFuture<RaftClientReply>> add : adds.entrySet()) {
            RaftClientReply reply = await(add.getValue(), "create group " + add.getKey());
            if (!reply.isSuccess() && !hasGroup(add.getKey())) {
                throw new SqlException(SqlState.CONNECTION_FAILURE, "could not create Raft group " + add.getKey()
                        + ": " + reply.getException());
            }
            LOG.info("node {} group created group={} peers={}", config.nodeId(), add.getKey(), peers.size());
        }
        if (peers.size() == 1) {
            keys.forEach(this::awaitLeader);
        }
    }

    private void awaitLeader(GroupKey key) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMillis());
        while (System.nanoTime() < deadline) {
            try {
                var info = serverOrThrow().getDivision(groupId(key)).getInfo();
                if (info.isLeader() && info.isLeaderReady()) {
                    return;
                }
            } catch (IOException e) {
                throw new SqlException(SqlState.CONNECTION_FAILURE, "group " + key + " vanished while electing", e);
            }
            try {
                Thread.sleep(LEADER_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SqlException(SqlState.QUERY_CANCELED, "interrupted while waiting for a leader of " + key);
            }
        }
        throw new SqlException(SqlState.CANNOT_CONNECT_NOW, "group " + key + " elected no leader within "
                + config.requestTimeoutMillis() + " ms");
    }

    @Override
    public void removeGroup(GroupKey key) {
        removeGroups(List.of(key));
    }

    @Override
    public void removeGroups(Collection<GroupKey> keys) {
        checkRunning();
        Map<GroupKey, CompletableFuture<RaftClientReply>> removals = new LinkedHashMap<>();
        for (GroupKey key : keys) {
            if (hasGroup(key)) {
                // In parallel: closing a group's log takes up to a second (its worker's poll interval).
                removals.put(key, serverOrThrow().groupManagementAsync(GroupManagementRequest.newRemove(
                        clientId, server.getId(), callIds.incrementAndGet(), groupId(key), true, false)));
            }
        }
        for (Map.Entry<GroupKey, CompletableFuture<RaftClientReply>> removal : removals.entrySet()) {
            RaftClientReply reply = await(removal.getValue(), "remove group " + removal.getKey());
            if (!reply.isSuccess()) {
                throw new SqlException(SqlState.CONNECTION_FAILURE, "could not remove Raft group " + removal.getKey()
                        + ": " + reply.getException());
            }
        }
        for (GroupKey key : keys) {
            forwarder.forget(groupId(key));
            // Also after a crash between the two steps: deleting the state machine's data is idempotent.
            try (StorageBatch batch = storage.newBatch()) {
                factories.get(key.kind()).destroy(key, batch);
                AppliedIndex.delete(batch, key);
                storage.write(batch);
            }
            LOG.info("node {} group removed group={}", config.nodeId(), key);
        }
    }

    @Override
    public boolean hasGroup(GroupKey key) {
        for (RaftGroupId id : serverOrThrow().getGroupIds()) {
            if (id.getUuid().equals(key.uuid())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean leadsReady(GroupKey key) {
        try {
            var info = serverOrThrow().getDivision(groupId(key)).getInfo();
            return info.isLeader() && info.isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Optional<String> leaderId(GroupKey key) {
        try {
            var info = serverOrThrow().getDivision(groupId(key)).getInfo();
            return Optional.ofNullable(info.getLeaderId()).map(RaftPeerId::toString);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public GroupStatus status(GroupKey key) {
        try {
            var division = serverOrThrow().getDivision(groupId(key));
            var info = division.getInfo();
            var conf = division.getRaftConf();
            List<String> peers = conf.getCurrentPeers().stream().map(p -> p.getId().toString()).sorted().toList();
            List<String> listeners = conf.getCurrentPeers(org.apache.ratis.proto.RaftProtos.RaftPeerRole.LISTENER).stream()
                    .map(p -> p.getId().toString()).sorted().toList();
            RaftPeerId leader = info.getLeaderId();
            return new GroupStatus(key, peers, listeners, leader == null ? null : leader.toString(), info.isLeader(),
                    info.getCurrentTerm(), lastCommittedIndex(division), info.getLastAppliedIndex());
        } catch (IOException e) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "group " + key + " is not hosted on node " + config.nodeId());
        }
    }

    /** -1 for a replica whose log is still opening (just created or restarting): Ratis refuses to show it then. */
    private static long lastCommittedIndex(RaftServer.Division division) {
        try {
            return division.getRaftLog().getLastCommittedIndex();
        } catch (IllegalStateException uninitialized) {
            return -1;
        }
    }

    @Override
    public Set<GroupKey> groups() {
        Set<GroupKey> out = new HashSet<>();
        for (RaftGroupId id : serverOrThrow().getGroupIds()) {
            GroupKey.fromUuid(id.getUuid()).ifPresent(out::add);
        }
        return Set.copyOf(out);
    }

    @Override
    public CompletableFuture<byte[]> submit(GroupKey key, byte[] command) {
        checkRunning();
        try {
            // Refuse before proposing: once an entry is committed it must be applied, space or not.
            storage.checkWritable();
        } catch (SqlException e) {
            return CompletableFuture.failedFuture(e);
        }
        metrics.proposed(key);
        return submitter.submit(groupId(key), key, command, false);
    }

    @Override
    public byte[] call(GroupKey key, byte[] command) {
        try {
            return submit(key, command).join();
        } catch (CompletionException e) {
            throw Submitter.rethrow(e.getCause());
        }
    }

    @Override
    public CompletableFuture<byte[]> query(GroupKey key, byte[] request) {
        checkRunning();
        return submitter.submit(groupId(key), key, request, true);
    }

    @Override
    public long snapshot(GroupKey key) {
        checkRunning();
        RaftClientReply reply = await(serverOrThrow().snapshotManagementAsync(SnapshotManagementRequest.newCreate(
                clientId, server.getId(), groupId(key), callIds.incrementAndGet(), config.requestTimeoutMillis(), 1)),
                "snapshot group " + key);
        if (!reply.isSuccess()) {
            throw new SqlException(SqlState.CONNECTION_FAILURE, "snapshot of " + key + " failed: " + reply.getException());
        }
        return reply.getLogIndex();
    }

    @Override
    public long firstLogIndex(GroupKey key) {
        try {
            return serverOrThrow().getDivision(groupId(key)).getRaftLog().getStartIndex();
        } catch (IOException e) {
            throw new SqlException(SqlState.CONNECTION_FAILURE, "group " + key + " is not hosted on this node", e);
        }
    }

    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        if (was == State.RUNNING && server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.warn("node {} raft host close failed error={}", config.nodeId(), e.getMessage());
            }
        }
        forwarder.close();
        rpc.close();
        snapshotSource.close();
        installs.shutdownNow();
        timer.shutdownNow();
        LOG.info("node {} raft host closed", config.nodeId());
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(config.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "interrupted: " + what);
        } catch (ExecutionException e) {
            throw Submitter.rethrow(e.getCause());
        } catch (TimeoutException e) {
            throw new SqlException(SqlState.CONNECTION_FAILURE, "timed out after " + config.requestTimeoutMillis()
                    + " ms: " + what);
        }
    }

    private synchronized void transition(State from, State to) {
        if (state != from) {
            throw new IllegalStateException("raft host is " + state + ", cannot go to " + to);
        }
        state = to;
    }

    private void checkRunning() {
        if (state != State.RUNNING) {
            throw new SqlException(SqlState.ADMIN_SHUTDOWN, "the node's Raft host is " + state.name().toLowerCase());
        }
    }

    private RaftServer serverOrThrow() {
        RaftServer s = server;
        if (s == null || state == State.CLOSED) {
            throw new SqlException(SqlState.ADMIN_SHUTDOWN, "the node's Raft host is not running");
        }
        return s;
    }

    static RaftGroupId groupId(GroupKey key) {
        return RaftGroupId.valueOf(key.uuid());
    }

    private static RaftPeer toRaftPeer(Peer peer) {
        return RaftPeer.newBuilder().setId(peer.id()).setAddress(peer.address()).build();
    }

    // ---- Cluster operations ----

    @Override
    public CompletableFuture<byte[]> submit(GroupKey key, List<Peer> peers, byte[] command) {
        checkRunning();
        if (hasGroup(key)) {
            return submit(key, command);
        }
        metrics.proposed(key);
        return submitter.submitRemote(GroupAdmin.group(key, peers), key, command, false);
    }

    @Override
    public CompletableFuture<byte[]> query(GroupKey key, List<Peer> peers, byte[] request) {
        checkRunning();
        if (hasGroup(key)) {
            return query(key, request);
        }
        return submitter.submitRemote(GroupAdmin.group(key, peers), key, request, true);
    }

    @Override
    public void createGroupOn(Peer target, GroupKey key, Membership membership) {
        checkRunning();
        if (!target.id().equals(config.nodeId())) {
            remote(() -> admin.createOn(target, key, membership), "create " + key + " on " + target.id());
            return;
        }
        if (hasGroup(key)) {
            return;
        }
        RaftClientReply reply = await(serverOrThrow().groupManagementAsync(GroupManagementRequest.newAdd(
                clientId, server.getId(), callIds.incrementAndGet(), GroupAdmin.group(key, membership))),
                "create group " + key);
        if (!reply.isSuccess() && !hasGroup(key)) {
            throw new SqlException(SqlState.CONNECTION_FAILURE, "could not create Raft group " + key + ": "
                    + reply.getException());
        }
        LOG.info("node {} group created group={} voters={} listeners={}", config.nodeId(), key,
                membership.voters().size(), membership.listeners().size());
    }

    @Override
    public void createLearnerOn(Peer target, GroupKey key) {
        checkRunning();
        if (target.id().equals(config.nodeId()) && hasGroup(key)) {
            return;
        }
        // Through the admin protocol also for this node: the same path, and an empty group needs no local special case.
        remote(() -> admin.createEmptyOn(target, key), "create an empty replica of " + key + " on " + target.id());
    }

    @Override
    public void removeGroupOn(Peer target, GroupKey key) {
        checkRunning();
        if (target.id().equals(config.nodeId())) {
            removeGroup(key);
        } else {
            remote(() -> admin.removeOn(target, key), "remove " + key + " from " + target.id());
        }
    }

    /**
     * Runs an operation on other nodes; a transport failure (gRPC's unchecked exceptions for an
     * unreachable node) becomes 08006 like every other failure to reach a node.
     */
    private static void remote(Runnable operation, String what) {
        try {
            operation.run();
        } catch (SqlException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SqlException(SqlState.CONNECTION_FAILURE, "could not " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void setMembership(GroupKey key, List<Peer> currentPeers, Membership next) {
        checkRunning();
        remote(() -> admin.setMembership(key, currentPeers, next), "set the membership of " + key);
    }

    @Override
    public void transferLeadership(GroupKey key, List<Peer> peers, String newLeaderId) {
        checkRunning();
        remote(() -> admin.transferLeadership(key, peers, newLeaderId), "move the leadership of " + key);
    }

    @Override
    public void registerRpc(String method, java.util.function.Function<byte[], byte[]> handler) {
        rpc.register(method, handler);
    }

    @Override
    public CompletableFuture<byte[]> callRpc(String address, String method, byte[] request) {
        checkRunning();
        return rpc.call(address, method, request);
    }
}
