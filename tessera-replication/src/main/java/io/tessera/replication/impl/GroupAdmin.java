package io.tessera.replication.impl;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.Membership;
import io.tessera.replication.api.Peer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.AlreadyExistsException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group operations on other nodes and on a group's configuration, through Ratis clients: create or
 * remove a replica on a given server (group management), change the members (setConfiguration at
 * the leader, joint consensus) and move leadership. Blocking; each call is bounded by the client's
 * retry policy and request timeout.
 */
final class GroupAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(GroupAdmin.class);
    /** Raft priority of a group's preferred leader; Ratis hands leadership to the highest priority that is up to date. */
    static final int PREFERRED_PRIORITY = 1;
    static final int DEFAULT_PRIORITY = 0;

    private final LeaderForwarder forwarder;
    private final long timeoutMillis;

    GroupAdmin(LeaderForwarder forwarder, long timeoutMillis) {
        this.forwarder = forwarder;
        this.timeoutMillis = timeoutMillis;
    }

    /** The Ratis group of a membership: voters (preferred leader first in priority) then listeners. */
    static RaftGroup group(GroupKey key, Membership membership) {
        List<RaftPeer> peers = new ArrayList<>(voters(membership));
        peers.addAll(listeners(membership));
        return RaftGroup.valueOf(RatisRaftHost.groupId(key), peers);
    }

    static List<RaftPeer> voters(Membership m) {
        return m.voters().stream().map(p -> raftPeer(p, p.id().equals(m.preferredLeader())
                ? PREFERRED_PRIORITY : DEFAULT_PRIORITY, RaftPeerRole.FOLLOWER)).toList();
    }

    static List<RaftPeer> listeners(Membership m) {
        return m.listeners().stream().map(p -> raftPeer(p, DEFAULT_PRIORITY, RaftPeerRole.LISTENER)).toList();
    }

    static RaftPeer raftPeer(Peer p, int priority, RaftPeerRole role) {
        return RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).setPriority(priority)
                .setStartupRole(role).build();
    }

    static RaftGroup group(GroupKey key, List<Peer> peers) {
        return RaftGroup.valueOf(RatisRaftHost.groupId(key),
                peers.stream().map(p -> raftPeer(p, DEFAULT_PRIORITY, RaftPeerRole.FOLLOWER)).toList());
    }

    /** Creates the replica on a remote server; an existing one is success. */
    void createOn(Peer target, GroupKey key, Membership membership) {
        createOn(target, key, group(key, membership));
        LOG.info("group created on remote node group={} target={} voters={} listeners={}", key, target.id(),
                membership.voters().size(), membership.listeners().size());
    }

    /** Creates an empty replica (no members known) on a server, local or remote; an existing one is success. */
    void createEmptyOn(Peer target, GroupKey key) {
        createOn(target, key, RaftGroup.valueOf(RatisRaftHost.groupId(key)));
        LOG.info("empty group created group={} target={}", key, target.id());
    }

    private void createOn(Peer target, GroupKey key, RaftGroup raftGroup) {
        RaftPeer peer = raftPeer(target, DEFAULT_PRIORITY, RaftPeerRole.FOLLOWER);
        try {
            RaftClientReply reply = forwarder.adminClient(peer).getGroupManagementApi(peer.getId())
                    .add(raftGroup);
            if (!reply.isSuccess() && !isCause(reply.getException(), AlreadyExistsException.class)) {
                throw failure("create group " + key + " on " + target.id(), reply.getException());
            }
        } catch (IOException e) {
            if (!isCause(e, AlreadyExistsException.class)) {
                throw failure("create group " + key + " on " + target.id(), e);
            }
        }
    }

    /** Removes the replica (and its directory) on a remote server; an absent one is success. */
    void removeOn(Peer target, GroupKey key) {
        RaftPeer peer = raftPeer(target, DEFAULT_PRIORITY, RaftPeerRole.FOLLOWER);
        try {
            RaftClientReply reply = forwarder.adminClient(peer).getGroupManagementApi(peer.getId())
                    .remove(RatisRaftHost.groupId(key), true, false);
            if (!reply.isSuccess() && !isCause(reply.getException(), GroupMismatchException.class)) {
                throw failure("remove group " + key + " on " + target.id(), reply.getException());
            }
        } catch (IOException e) {
            if (!isCause(e, GroupMismatchException.class)) {
                throw failure("remove group " + key + " on " + target.id(), e);
            }
        }
        LOG.info("group removed on remote node group={} target={}", key, target.id());
    }

    /**
     * Sets the group's configuration through its leader; returns once it is committed. The leader
     * first waits for new members to catch up; past the request deadline this fails with 08006
     * while the change may still complete, and calling again with the same membership is safe.
     */
    void setMembership(GroupKey key, List<Peer> currentPeers, Membership next) {
        setConfiguration(key, currentPeers, voters(next), listeners(next));
        LOG.info("group membership set group={} voters={} listeners={} preferredLeader={}", key,
                next.voters().stream().map(Peer::id).toList(), next.listeners().stream().map(Peer::id).toList(),
                next.preferredLeader());
    }

    private void setConfiguration(GroupKey key, List<Peer> currentPeers, List<RaftPeer> voters, List<RaftPeer> listeners) {
        // Ask the group's real members: a peer the caller still lists may have left the group already
        // (a change that completed before its caller could record it), and would answer "no such group".
        RaftGroup actual = currentConf(key, currentPeers);
        RaftClient client = forwarder.client(actual);
        try {
            RaftClientReply reply = client.admin().setConfiguration(SetConfigurationRequest.Arguments.newBuilder()
                    .setServersInNewConf(voters).setListenersInNewConf(listeners).build());
            if (!reply.isSuccess()) {
                throw failure("set the membership of " + key, reply.getException());
            }
        } catch (IOException e) {
            throw failure("set the membership of " + key, e);
        }
    }

    /**
     * Moves leadership to {@code newLeaderId}. Ratis transfers only to a peer of the highest
     * priority, so when another voter is preferred the configuration is first changed to prefer the
     * new leader (same members): otherwise Ratis would hand leadership straight back.
     */
    void transferLeadership(GroupKey key, List<Peer> peers, String newLeaderId) {
        RaftGroup conf = currentConf(key, peers);
        List<RaftPeer> voters = conf.getPeers().stream().filter(p -> p.getStartupRole() != RaftPeerRole.LISTENER).toList();
        List<RaftPeer> listeners = conf.getPeers().stream().filter(p -> p.getStartupRole() == RaftPeerRole.LISTENER).toList();
        if (voters.stream().noneMatch(p -> p.getId().toString().equals(newLeaderId))) {
            throw new IllegalArgumentException(newLeaderId + " is not a voter of group " + key);
        }
        List<RaftPeer> reprioritized = voters.stream().map(p -> RaftPeer.newBuilder(p).setPriority(
                p.getId().toString().equals(newLeaderId) ? PREFERRED_PRIORITY : DEFAULT_PRIORITY).build()).toList();
        // RaftPeer.equals ignores priorities: compare them explicitly.
        if (!reprioritized.stream().map(RaftPeer::getPriority).toList()
                .equals(voters.stream().map(RaftPeer::getPriority).toList())) {
            setConfiguration(key, peers, reprioritized, listeners);
        }
        try {
            RaftClientReply reply = forwarder.client(group(key, peers)).admin()
                    .transferLeadership(RaftPeerId.valueOf(newLeaderId), timeoutMillis);
            if (!reply.isSuccess()) {
                throw failure("transfer the leadership of " + key + " to " + newLeaderId, reply.getException());
            }
        } catch (IOException e) {
            throw failure("transfer the leadership of " + key + " to " + newLeaderId, e);
        }
        LOG.info("group leadership transferred group={} leader={}", key, newLeaderId);
    }

    /** The group's configuration (its peers with priority and role) as the first peer that answers reports it. */
    private RaftGroup currentConf(GroupKey key, List<Peer> peers) {
        IOException last = null;
        for (Peer p : peers) {
            RaftPeer peer = raftPeer(p, DEFAULT_PRIORITY, RaftPeerRole.FOLLOWER);
            try {
                GroupInfoReply info = forwarder.adminClient(peer).getGroupManagementApi(peer.getId())
                        .info(RatisRaftHost.groupId(key));
                if (info.isSuccess()) {
                    return info.getGroup();
                }
            } catch (IOException e) {
                last = e;
            } catch (RuntimeException e) {
                // An unreachable peer (gRPC UNAVAILABLE): ask the next one.
                last = new IOException(e.getMessage(), e);
            }
        }
        throw failure("read the configuration of " + key + " from any of " + peers.size() + " peers", last);
    }

    private static boolean isCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static SqlException failure(String what, Throwable cause) {
        if (cause instanceof SqlException e) {
            return e;
        }
        return new SqlException(SqlState.CONNECTION_FAILURE, "could not " + what + ": " + cause, cause);
    }
}
