package io.tessera.replication.impl;

import io.tessera.replication.api.HostPort;
import io.tessera.replication.api.RaftHostConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Every Ratis setting Tessera depends on, explicit, with its reason. */
final class RatisProperties {
    private RatisProperties() {}

    /** 8 MiB: an AppendEntries batch plus headroom; see the checks below. */
    static final SizeInBytes GRPC_MESSAGE_SIZE_MAX = SizeInBytes.valueOf(8L << 20);
    /**
     * 2 MiB: bytes of entries per AppendEntries. Ratis sends no entry larger than this and sizes the
     * per-group log write buffer from it, so it bounds both the largest command and the memory
     * every open group costs (Ratis' 4 MiB/8 MiB defaults would cost 8 MiB of direct memory per group).
     */
    static final SizeInBytes APPENDER_BUFFER_BYTES = SizeInBytes.valueOf(2L << 20);
    /** 1 MiB preallocation: many groups per node, each with an open segment; 4 MiB each would waste disk. */
    static final SizeInBytes PREALLOCATED_BYTES = SizeInBytes.valueOf(1L << 20);
    /** The log write buffer of each open segment; Ratis requires it to hold an appender batch plus 8 bytes. */
    static final SizeInBytes WRITE_BUFFER_BYTES = SizeInBytes.valueOf(APPENDER_BUFFER_BYTES.getSize() + 8);
    /** 4,096 pending requests and 64 MiB per group before clients are pushed back. */
    static final int PENDING_REQUESTS_MAX = 4096;
    static final SizeInBytes PENDING_BYTES_MAX = SizeInBytes.valueOf(64L << 20);
    /** 64 entries fsynced together at most: group commit under load, one fsync per entry when idle. */
    static final int FORCE_SYNC_ENTRIES = 64;
    /**
     * 150-300 ms to the first election of a group: a new table is writable soon after CREATE TABLE.
     * Not shorter: a round of (pre-)votes waits this long for answers, and across busy processes
     * 20-60 ms rounds time out forever, electing no leader.
     */
    static final long FIRST_ELECTION_MIN_MILLIS = 150;
    static final long FIRST_ELECTION_MAX_MILLIS = 300;
    /** Refuse to create groups on a volume with less than 64 MiB free, rather than fail mid-write. */
    static final SizeInBytes STORAGE_FREE_SPACE_MIN = SizeInBytes.valueOf(64L << 20);

    static RaftProperties build(RaftHostConfig config) {
        checkRelations(config);
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        HostPort address = HostPort.parse(config.rpcAddress());
        GrpcConfigKeys.Server.setHost(p, address.host());
        GrpcConfigKeys.Server.setPort(p, address.port());
        GrpcConfigKeys.setMessageSizeMax(p, GRPC_MESSAGE_SIZE_MAX);
        RaftServerConfigKeys.setStorageDir(p, List.of(config.directory().toFile()));
        RaftServerConfigKeys.setStorageFreeSpaceMin(p, STORAGE_FREE_SPACE_MIN);
        setElection(p, config);
        setLog(p, config);
        setSnapshot(p, config);
        RaftServerConfigKeys.Write.setElementLimit(p, PENDING_REQUESTS_MAX);
        RaftServerConfigKeys.Write.setByteLimit(p, PENDING_BYTES_MAX);
        // Queries must see every write acknowledged before them, even right after a leader change.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        // Retried requests (same client and call id) within a minute are answered from the cache, not re-applied.
        RaftServerConfigKeys.RetryCache.setExpiryTime(p, TimeDuration.valueOf(60, TimeUnit.SECONDS));
        return p;
    }

    private static void setElection(RaftProperties p, RaftHostConfig config) {
        long min = config.electionTimeoutMinMillis();
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(min, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2 * min, TimeUnit.MILLISECONDS));
        // A new group (CREATE TABLE) or a restarted node should serve at once; pre-vote keeps such an
        // early candidate from disturbing a live leader, whose followers refuse while they hear from it.
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, TimeDuration.valueOf(FIRST_ELECTION_MIN_MILLIS, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, TimeDuration.valueOf(FIRST_ELECTION_MAX_MILLIS, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(config.requestTimeoutMillis(), TimeUnit.MILLISECONDS));
    }

    private static void setLog(RaftProperties p, RaftHostConfig config) {
        SizeInBytes segment = SizeInBytes.valueOf(config.logSegmentBytes());
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, segment);
        RaftServerConfigKeys.Log.setPreallocatedSize(p,
                SizeInBytes.valueOf(Math.min(PREALLOCATED_BYTES.getSize(), config.logSegmentBytes())));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, WRITE_BUFFER_BYTES);
        // Durability: an entry counts as appended only once fsynced, so acknowledged writes survive kill -9.
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setForceSyncNum(p, FORCE_SYNC_ENTRIES);
        // A kill in the middle of an append leaves a torn, never-acknowledged last entry: read up to it.
        RaftServerConfigKeys.Log.setCorruptionPolicy(p, RaftServerConfigKeys.Log.CorruptionPolicy.WARN_AND_RETURN);
        // Purge only what every follower has: a follower that is merely slow catches up from the log,
        // which is cheaper than a snapshot; one added later (or back after the purge) installs a snapshot.
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, false);
        RaftServerConfigKeys.Log.setPurgeGap(p, config.purgeGapEntries());
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, APPENDER_BUFFER_BYTES);
        // Notification mode: the leader must not stream our marker file as if it were the data; the
        // follower fetches the group's spans itself (RatisStateMachine.notifyInstallSnapshotFromLeader).
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, false);
    }

    private static void setSnapshot(RaftProperties p, RaftHostConfig config) {
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThresholdEntries());
        // A snapshot at shutdown makes the next start replay nothing.
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, true);
        // Markers are tiny; two are kept so a torn newest one still leaves a valid older one.
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        // Manual snapshots (RaftHost.snapshot) are always honoured.
        RaftServerConfigKeys.Snapshot.setCreationGap(p, 1);
    }

    private static void checkRelations(RaftHostConfig config) {
        long commandMax = io.tessera.replication.api.FragmentCommand.BYTES_MAX;
        // A command plus its log-entry framing must fit one appender batch, or it is never sent.
        if (commandMax + (64 << 10) > APPENDER_BUFFER_BYTES.getSize()) {
            throw new AssertionError("the largest command must fit one AppendEntries batch");
        }
        if (2 * APPENDER_BUFFER_BYTES.getSize() > GRPC_MESSAGE_SIZE_MAX.getSize()) {
            throw new AssertionError("an AppendEntries batch must fit a gRPC message with headroom");
        }
        if (PENDING_BYTES_MAX.getSize() < 2 * commandMax) {
            throw new AssertionError("the pending-bytes limit must admit at least two maximal commands");
        }
    }
}
