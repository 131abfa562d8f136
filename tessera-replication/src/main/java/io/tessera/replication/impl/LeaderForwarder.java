package io.tessera.replication.impl;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to a group's leader on another node, through a Ratis client (gRPC) per group,
 * created on first use and replaced when the group's peer list changes (a membership change, or a
 * caller that knows newer peers). Ratis' client follows leader changes itself and deduplicates its
 * own retries through the leader's retry cache, so a forwarded command is applied at most once.
 * Also holds one client per target server for group management (create/remove a replica there).
 */
final class LeaderForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderForwarder.class);
    /** Pause between the client's attempts while a leader is elected: a fraction of an election timeout. */
    private static final long RETRY_SLEEP_MILLIS = 100;

    /** The group id of management clients: a placeholder (requests name their group), not a Tessera group. */
    private static final RaftGroupId ADMIN_GROUP = RaftGroupId.valueOf(new java.util.UUID(0, 1));

    /** A cached client and the peers (id@address, sorted) it was built for. */
    private record Entry(String peers, RaftClient client) {}

    private final RaftProperties properties;
    private final long timeoutMillis;
    private final ScheduledExecutorService timer;
    private final Map<RaftGroupId, Entry> clients = new ConcurrentHashMap<>();
    /** Group-management clients by target peer (id@address); their group is the target alone. */
    private final Map<String, RaftClient> adminClients = new ConcurrentHashMap<>();

    LeaderForwarder(RaftProperties properties, long timeoutMillis, ScheduledExecutorService timer) {
        this.properties = properties;
        this.timeoutMillis = timeoutMillis;
        this.timer = timer;
    }

    CompletableFuture<RaftClientReply> send(RaftGroup group, Message message, boolean read) {
        RaftClient client = client(group);
        CompletableFuture<RaftClientReply> reply = read ? client.async().sendReadOnly(message) : client.async().send(message);
        // A failed ordered request closes the client's sliding window for good: later requests on it
        // would all fail with AlreadyClosedException. Drop such a client; the next request builds a new one.
        return reply.whenComplete((r, error) -> {
            if (error != null) {
                discard(group.getGroupId(), client);
            }
        });
    }

    private void discard(RaftGroupId groupId, RaftClient client) {
        Entry entry = clients.get(groupId);
        if (entry != null && entry.client() == client && clients.remove(groupId, entry)) {
            closeLater(groupId, client);
        }
    }

    /** The group's client for these peers; a client built for other peers is replaced. */
    RaftClient client(RaftGroup group) {
        String peers = describe(group.getPeers());
        Entry entry = clients.compute(group.getGroupId(), (id, old) -> {
            if (old != null && old.peers().equals(peers)) {
                return old;
            }
            if (old != null) {
                closeLater(id, old.client());
            }
            return new Entry(peers, newClient(group));
        });
        return entry.client();
    }

    /** A client whose only peer is {@code target}, for group management on that server. */
    RaftClient adminClient(RaftPeer target) {
        return adminClients.computeIfAbsent(target.getId() + "@" + target.getAddress(),
                k -> newClient(RaftGroup.valueOf(ADMIN_GROUP, target)));
    }

    private RaftClient newClient(RaftGroup group) {
        return RaftClient.newBuilder()
                .setProperties(properties)
                .setRaftGroup(group)
                .setClientId(ClientId.randomId())
                .setRetryPolicy(retryPolicy())
                .build();
    }

    /**
     * Retries (leader changes, elections, unreachable peers) until the request deadline counted from
     * the request's creation, for every request type, admin ones (membership, leadership) included:
     * the caller's deadline fails the request anyway, and retries must not outlive it.
     */
    private RetryPolicy retryPolicy() {
        RetryPolicy sleepThenRetry = RetryPolicies.retryForeverWithSleep(
                TimeDuration.valueOf(RETRY_SLEEP_MILLIS, TimeUnit.MILLISECONDS));
        TimeDuration deadline = TimeDuration.valueOf(timeoutMillis, TimeUnit.MILLISECONDS);
        RequestTypeDependentRetryPolicy.Builder policy = RequestTypeDependentRetryPolicy.newBuilder();
        for (RaftClientRequestProto.TypeCase type : RaftClientRequestProto.TypeCase.values()) {
            policy.setRetryPolicy(type, sleepThenRetry).setTimeout(type, deadline);
        }
        return policy.build();
    }

    private static String describe(Iterable<RaftPeer> peers) {
        List<String> out = new java.util.ArrayList<>();
        // Priorities and roles do not matter to a client: only who the peers are and where.
        peers.forEach(p -> out.add(p.getId() + "@" + p.getAddress()));
        out.sort(Comparator.naturalOrder());
        return String.join(",", out);
    }

    /** Requests may still be in flight on a replaced client: close it once their deadline has passed. */
    private void closeLater(RaftGroupId groupId, RaftClient client) {
        try {
            timer.schedule(() -> closeQuietly(groupId, client), 2 * timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            closeQuietly(groupId, client);
        }
    }

    /** Drops the client of a removed group. */
    void forget(RaftGroupId groupId) {
        Entry entry = clients.remove(groupId);
        if (entry != null) {
            closeQuietly(groupId, entry.client());
        }
    }

    @Override
    public void close() {
        clients.forEach((id, entry) -> closeQuietly(id, entry.client()));
        clients.clear();
        adminClients.values().forEach(c -> closeQuietly(RaftGroupId.emptyGroupId(), c));
        adminClients.clear();
    }

    private static void closeQuietly(RaftGroupId groupId, RaftClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("raft forwarder close failed group={} error={}", groupId, e.getMessage());
        }
    }
}
