package io.tessera.replication.impl;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request to a group's leader on another node, through a Ratis client (gRPC) per group,
 * created on first use. Ratis' client follows leader changes itself and deduplicates its own retries
 * through the leader's retry cache, so a forwarded command is applied at most once.
 */
final class LeaderForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderForwarder.class);
    /** Pause between the client's attempts while a leader is elected: a fraction of an election timeout. */
    private static final long RETRY_SLEEP_MILLIS = 100;

    private final RaftProperties properties;
    private final long timeoutMillis;
    private final Map<RaftGroupId, RaftClient> clients = new ConcurrentHashMap<>();

    LeaderForwarder(RaftProperties properties, long timeoutMillis) {
        this.properties = properties;
        this.timeoutMillis = timeoutMillis;
    }

    CompletableFuture<RaftClientReply> send(RaftGroup group, Message message, boolean read) {
        RaftClient client = clients.computeIfAbsent(group.getGroupId(), id -> RaftClient.newBuilder()
                .setProperties(properties)
                .setRaftGroup(group)
                .setClientId(ClientId.randomId())
                // Bounded: the caller's deadline fails the request anyway; retries must not outlive it.
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                        (int) Math.max(1, timeoutMillis / RETRY_SLEEP_MILLIS),
                        TimeDuration.valueOf(RETRY_SLEEP_MILLIS, TimeUnit.MILLISECONDS)))
                .build());
        return read ? client.async().sendReadOnly(message) : client.async().send(message);
    }

    /** Drops the client of a removed group. */
    void forget(RaftGroupId groupId) {
        RaftClient client = clients.remove(groupId);
        if (client != null) {
            closeQuietly(groupId, client);
        }
    }

    @Override
    public void close() {
        clients.forEach(LeaderForwarder::closeQuietly);
        clients.clear();
    }

    private static void closeQuietly(RaftGroupId groupId, RaftClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("raft forwarder close failed group={} error={}", groupId, e.getMessage());
        }
    }
}
