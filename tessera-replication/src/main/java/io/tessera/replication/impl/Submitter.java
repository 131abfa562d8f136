package io.tessera.replication.impl;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.replication.api.GroupKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * Submits requests to the local Raft server directly (no gRPC hop for a local leader) and retries,
 * with the same call id so the retry cache never applies a command twice, while the group has no
 * ready leader, until the request's deadline. When this node is a follower that knows the leader,
 * the request goes to the leader through a {@link LeaderForwarder}.
 */
final class Submitter {
    /** Pause before retrying while a group elects a leader: a fraction of an election timeout. */
    private static final long RETRY_BACKOFF_MILLIS = 20;

    private final Supplier<RaftServer> server;
    private final ClientId clientId;
    private final AtomicLong callIds;
    private final ScheduledExecutorService timer;
    private final long timeoutMillis;
    private final LeaderForwarder forwarder;

    Submitter(Supplier<RaftServer> server, ClientId clientId, AtomicLong callIds, ScheduledExecutorService timer,
            long timeoutMillis, LeaderForwarder forwarder) {
        this.forwarder = forwarder;
        this.server = server;
        this.clientId = clientId;
        this.callIds = callIds;
        this.timer = timer;
        this.timeoutMillis = timeoutMillis;
    }

    /** One request in flight: its identity, deadline and the future the caller holds. */
    private record Call(RaftGroupId groupId, GroupKey key, Message message, boolean read, long callId,
            long deadlineNanos, CompletableFuture<byte[]> result) {}

    CompletableFuture<byte[]> submit(RaftGroupId groupId, GroupKey key, byte[] payload, boolean read) {
        Call call = newCall(groupId, key, payload, read);
        attempt(call);
        return call.result();
    }

    /**
     * Sends a request to a group this node does not host, through the forwarder's client for
     * {@code group} (which follows the leader among its peers); same deadline and reply decoding as
     * the local path.
     */
    CompletableFuture<byte[]> submitRemote(RaftGroup group, GroupKey key, byte[] payload, boolean read) {
        Call call = newCall(group.getGroupId(), key, payload, read);
        sendRemote(call, group);
        return call.result();
    }

    /**
     * Sends through the group's Ratis client; a refusal that proves the request was not appended
     * (the leader is stepping down or not ready yet) is sent again after a pause, until the deadline.
     */
    private void sendRemote(Call call, RaftGroup group) {
        if (call.result().isDone()) {
            return;
        }
        try {
            forwarder.send(group, call.message(), call.read()).whenComplete((r, error) -> {
                Throwable cause = error != null ? unwrap(error) : r.isSuccess() ? null : r.getException();
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(call.deadlineNanos() - System.nanoTime());
                if ((refusedBeforeAppend(cause) || clientClosedUnderRead(call, cause)) && remainingMillis > RETRY_BACKOFF_MILLIS) {
                    timer.schedule(() -> sendRemote(call, group), RETRY_BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    onReply(call, r, error, false);
                }
            });
        } catch (RuntimeException e) {
            call.result().completeExceptionally(rethrow(e));
        }
    }

    /** Refusals a leader gives before appending: sending the request again cannot apply it twice. */
    private static boolean refusedBeforeAppend(Throwable t) {
        return t instanceof LeaderSteppingDownException || t instanceof LeaderNotReadyException
                || t instanceof ServerNotReadyException;
    }

    /**
     * A query failed because the forwarder closed its Ratis client (the group's peers changed) while
     * the node runs on: asking again, through a client for the new peers, is safe for a read.
     */
    private boolean clientClosedUnderRead(Call call, Throwable cause) {
        return call.read() && cause instanceof AlreadyClosedException && hostRunning();
    }

    private boolean hostRunning() {
        try {
            server.get();
            return true;
        } catch (SqlException e) {
            return false;
        }
    }

    private Call newCall(RaftGroupId groupId, GroupKey key, byte[] payload, boolean read) {
        Call call = new Call(groupId, key, Message.valueOf(ByteString.copyFrom(payload)), read,
                callIds.incrementAndGet(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
                new CompletableFuture<>());
        var deadline = timer.schedule(() -> call.result().completeExceptionally(new SqlException(SqlState.CONNECTION_FAILURE,
                "no reply from Raft group " + key + " within " + timeoutMillis + " ms")), timeoutMillis, TimeUnit.MILLISECONDS);
        // Cancelled deadlines leave the timer's queue at once (remove-on-cancel), so it stays small under load.
        call.result().whenComplete((reply, error) -> deadline.cancel(false));
        return call;
    }

    private void attempt(Call call) {
        if (call.result().isDone()) {
            return;
        }
        RaftServer s;
        CompletableFuture<RaftClientReply> reply;
        try {
            s = server.get();
            reply = s.submitClientRequestAsync(RaftClientRequest.newBuilder()
                    .setClientId(clientId).setServerId(s.getId()).setGroupId(call.groupId())
                    .setCallId(call.callId()).setMessage(call.message())
                    .setType(call.read() ? RaftClientRequest.readRequestType() : RaftClientRequest.writeRequestType())
                    .setTimeoutMs(timeoutMillis)
                    .build());
        } catch (Exception e) {
            onFailure(call, e, true);
            return;
        }
        reply.whenComplete((r, error) -> onReply(call, r, error, true));
    }

    private void onReply(Call call, RaftClientReply reply, Throwable error, boolean mayForward) {
        if (error != null) {
            onFailure(call, error, mayForward);
        } else if (reply.isSuccess()) {
            complete(call, reply);
        } else {
            onFailure(call, reply.getException(), mayForward);
        }
    }

    /** Hands the call to the leader on another node; its client retries until the leader answers. */
    private void forward(Call call) {
        RaftGroup group;
        try {
            group = server.get().getDivision(call.groupId()).getGroup();
        } catch (Exception e) {
            call.result().completeExceptionally(rethrow(e));
            return;
        }
        forwarder.send(group, call.message(), call.read()).whenComplete((r, error) -> onReply(call, r, error, false));
    }

    /** Whether a NotLeaderException names a leader on another node that the call should go to. */
    private boolean leaderIsElsewhere(Throwable cause) {
        if (!(cause instanceof NotLeaderException notLeader) || notLeader.getSuggestedLeader() == null) {
            return false;
        }
        RaftPeerId leader = notLeader.getSuggestedLeader().getId();
        try {
            return !leader.equals(server.get().getId());
        } catch (SqlException e) {
            return false;
        }
    }

    private static void complete(Call call, RaftClientReply reply) {
        try {
            call.result().complete(Frames.unwrap(reply.getMessage().getContent().toByteArray()));
        } catch (SqlException e) {
            call.result().completeExceptionally(e);
        }
    }

    private void onFailure(Call call, Throwable error, boolean mayForward) {
        Throwable cause = unwrap(error);
        if (mayForward && leaderIsElsewhere(cause)) {
            forward(call);
            return;
        }
        if (clientClosedUnderRead(call, cause) && call.deadlineNanos() - System.nanoTime() > TimeUnit.MILLISECONDS.toNanos(RETRY_BACKOFF_MILLIS)) {
            timer.schedule(() -> attempt(call), RETRY_BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (cause instanceof AlreadyClosedException && hostRunning()) {
            // A write in flight on a client the forwarder closed: it may or may not have been appended.
            call.result().completeExceptionally(new SqlException(SqlState.CONNECTION_FAILURE,
                    "the request to Raft group " + call.key() + " was cut off by a change of its members; its outcome is unknown", cause));
            return;
        }
        if (mayForward && isLeaderInTransition(cause)) {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(call.deadlineNanos() - System.nanoTime());
            if (remainingMillis > RETRY_BACKOFF_MILLIS) {
                timer.schedule(() -> attempt(call), RETRY_BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            call.result().completeExceptionally(new SqlException(SqlState.CONNECTION_FAILURE,
                    "Raft group " + call.key() + " has no leader on this node: " + cause.getMessage()));
            return;
        }
        call.result().completeExceptionally(rethrow(cause));
    }

    private static boolean isLeaderInTransition(Throwable t) {
        return t instanceof NotLeaderException || t instanceof LeaderNotReadyException
                || t instanceof LeaderSteppingDownException || t instanceof ReadIndexException
                || t instanceof ServerNotReadyException;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The SqlException a failure stands for: 57P01 while shutting down, 08006 when the group is unreachable. */
    static SqlException rethrow(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof SqlException e) {
            return e;
        }
        if (t instanceof AlreadyClosedException) {
            return new SqlException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to node shutdown", t);
        }
        if (t instanceof GroupMismatchException) {
            return new SqlException(SqlState.CONNECTION_FAILURE, "the Raft group is not hosted on this node", t);
        }
        return new SqlException(SqlState.CONNECTION_FAILURE, "Raft request failed: " + t, t);
    }
}
