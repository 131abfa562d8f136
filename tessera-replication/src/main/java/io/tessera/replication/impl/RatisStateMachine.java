package io.tessera.replication.impl;

import io.tessera.common.error.SqlException;
import io.tessera.replication.api.ApplyResult;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.RaftMetrics;
import io.tessera.replication.api.ReplicatedStateMachine;
import io.tessera.replication.api.StateMachineFactory;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageEngine;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts a Raft-free {@link ReplicatedStateMachine} to Ratis: writes each entry's effects and the
 * group's applied index in one storage batch, skips entries already in storage when the log is
 * replayed, takes snapshots as "sync RocksDB's WAL, then record the position", and stalls (instead
 * of skipping) entries whose write failed, re-applying them from the log once writes succeed again.
 */
final class RatisStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(RatisStateMachine.class);

    private final GroupKey key;
    private final StorageEngine storage;
    private final StateMachineFactory factory;
    private final RaftMetrics metrics;
    private final SimpleStateMachineStorage snapshots = new SimpleStateMachineStorage();
    /** Fetches the group's state from another node when the leader's log no longer has what this replica lacks. */
    private final SnapshotTransfer.Caller rpc;
    private final Executor installs;
    /** Replaced when a snapshot is installed; read by queries on other threads. */
    private volatile ReplicatedStateMachine delegate;
    /** Applied index last written to storage; entries at or below it are already applied. */
    private long storedIndex = RaftLog.INVALID_LOG_INDEX;
    /** First index whose write failed (disk full); -1 when writes succeed. Touched only by the apply thread. */
    private long stalledFrom = -1;

    RatisStateMachine(GroupKey key, StorageEngine storage, StateMachineFactory factory, RaftMetrics metrics,
            SnapshotTransfer.Caller rpc, Executor installs) {
        this.rpc = rpc;
        this.installs = installs;
        this.key = key;
        this.storage = storage;
        this.factory = factory;
        this.metrics = metrics;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        snapshots.init(raftStorage);
        delegate = factory.open(key, storage);
        AppliedIndex.Position stored = AppliedIndex.read(storage, key);
        storedIndex = stored == null ? RaftLog.INVALID_LOG_INDEX : stored.index();
        SingleFileSnapshotInfo snapshot = snapshots.getLatestSnapshot();
        if (snapshot != null) {
            SnapshotMarker marker = loadMarker(snapshot);
            // Pair check: the marker was written after RocksDB synced storedIndex; it must still be there.
            if (storedIndex < marker.storedIndex()) {
                throw new IllegalStateException(key + ": storage holds applied index " + storedIndex
                        + " but the snapshot at " + marker.index() + " needs " + marker.storedIndex());
            }
            setLastAppliedTermIndex(snapshot.getTermIndex());
        }
        LOG.info("{} state machine opened storedIndex={} snapshot={}", key, storedIndex,
                snapshot == null ? "none" : snapshot.getTermIndex());
        // Ratis pauses and reinitializes a RUNNING state machine around a snapshot installation.
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    private SnapshotMarker loadMarker(SingleFileSnapshotInfo snapshot) throws IOException {
        File file = snapshot.getFile().getPath().toFile();
        MD5Hash expected = MD5FileUtil.readStoredMd5ForFile(file);
        MD5FileUtil.verifySavedMD5(file, expected);
        SnapshotMarker marker = SnapshotMarker.read(file.toPath());
        if (marker.index() != snapshot.getIndex() || !marker.group().equals(key.uuid())) {
            throw new IllegalStateException(key + ": snapshot marker " + file + " does not match its name");
        }
        return marker;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        if (index <= storedIndex) {
            updateLastAppliedTermIndex(entry.getTerm(), index);
            return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(Frames.ok(new byte[0]))));
        }
        byte[] command = entry.getStateMachineLogEntry().getLogData().toByteArray();
        byte[] reply;
        try (var timer = metrics.applyTimer(key)) {
            reply = applyEntry(entry.getTerm(), index, command);
        }
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(reply)));
    }

    private byte[] applyEntry(long term, long index, byte[] command) {
        try {
            if (stalledFrom >= 0) {
                catchUp(index);
            }
            return applyOne(term, index, command);
        } catch (SqlException e) {
            if (stalledFrom < 0) {
                stalledFrom = index;
                LOG.warn("{} apply stalled index={} state={} error={}", key, index, e.sqlState(), e.getMessage());
            }
            return Frames.error(e.withDetail("The command is committed in the Raft log and will be applied"
                    + " on this node when the failure (" + e.getMessage() + ") clears."));
        }
    }

    /** Re-applies, in order, the entries whose write failed earlier; throws if a write fails again. */
    private void catchUp(long beforeIndex) {
        RaftLog log = raftLog();
        for (long i = stalledFrom; i < beforeIndex; i++) {
            LogEntryProto entry;
            try {
                entry = log.get(i);
            } catch (IOException e) {
                throw new IllegalStateException(key + ": cannot read stalled entry " + i + " from the log", e);
            }
            if (entry == null) {
                throw new IllegalStateException(key + ": stalled entry " + i + " is no longer in the log");
            }
            if (entry.hasStateMachineLogEntry()) {
                applyOne(entry.getTerm(), i, entry.getStateMachineLogEntry().getLogData().toByteArray());
            } else {
                updateLastAppliedTermIndex(entry.getTerm(), i);
            }
            stalledFrom = i + 1;
        }
        LOG.info("{} apply resumed index={}", key, beforeIndex);
        stalledFrom = -1;
    }

    private RaftLog raftLog() {
        try {
            return getServer().join().getDivision(getGroupId()).getRaftLog();
        } catch (IOException e) {
            throw new IllegalStateException(key + ": division gone while applying", e);
        }
    }

    /**
     * Applies one entry: effects plus applied index in one batch. A {@link SqlException} from the
     * state machine is a deterministic rejection (only the index is written); one from the write
     * itself is a local failure and propagates, leaving the entry unapplied.
     */
    private byte[] applyOne(long term, long index, byte[] command) {
        ApplyResult result = null;
        SqlException rejected = null;
        StorageBatch batch = storage.newBatch();
        try {
            try {
                result = delegate.apply(index, command, batch);
            } catch (SqlException e) {
                if (isLocalFailure(e)) {
                    throw e;
                }
                batch.close();
                batch = storage.newBatch();
                rejected = e;
            }
            AppliedIndex.put(batch, key, term, index);
            storage.write(batch);
        } finally {
            batch.close();
        }
        storedIndex = index;
        updateLastAppliedTermIndex(term, index);
        if (rejected != null) {
            return Frames.error(rejected);
        }
        result.onWritten().run();
        return Frames.ok(result.reply());
    }

    /**
     * A failure of this node (disk full 53xxx, I/O error 58xxx, storage shutting down 57xxx): not the
     * command's fault, so the entry must be retried, never skipped as a rejection.
     */
    private static boolean isLocalFailure(SqlException e) {
        String state = e.sqlState();
        return state.startsWith("53") || state.startsWith("58") || state.startsWith("57");
    }

    /**
     * A log entry without a command (configuration, leader's first entry) was applied: its index is
     * stored too, so the stored position always equals the applied one and a snapshot sent to a
     * follower names a position the leader's log continues from.
     */
    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        // While stalled, the applied position must not move past the entry that failed, or a
        // snapshot could be taken (and the log purged) beyond data that was never written.
        if (stalledFrom >= 0) {
            return;
        }
        if (index > storedIndex) {
            try (StorageBatch batch = storage.newBatch()) {
                AppliedIndex.put(batch, key, term, index);
                storage.write(batch);
                storedIndex = index;
            } catch (SqlException e) {
                // Harmless: the stored index only lags; the next command's batch writes it.
                LOG.warn("{} could not store applied index {} error={}", key, index, e.getMessage());
            }
        }
        super.notifyTermIndexUpdated(term, index);
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        try {
            byte[] reply = delegate.query(request.getContent().toByteArray());
            return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(Frames.ok(reply))));
        } catch (SqlException e) {
            return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(Frames.error(e))));
        }
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (stalledFrom >= 0 || last == null || last.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        storage.syncWal();
        recordSnapshot(last, storedIndex);
        LOG.info("{} snapshot taken index={} storedIndex={}", key, last.getIndex(), storedIndex);
        return last.getIndex();
    }

    @Override
    public SingleFileSnapshotInfo getLatestSnapshot() {
        return snapshots.getLatestSnapshot();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots;
    }

    /**
     * The leader no longer has the log this replica needs: fetch the group's state from the leader
     * (see {@link SnapshotTransfer}) on another thread, record a snapshot marker at its position and
     * complete with it; Ratis then pauses this state machine, {@link #reinitialize}s it and continues
     * with the leader's log after that position. Null when the leader's log still covers this replica.
     */
    @Override
    public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(RoleInfoProto roleInfo, TermIndex firstTermIndexInLog) {
        TermIndex applied = getLastAppliedTermIndex();
        long next = applied == null ? 0 : applied.getIndex() + 1;
        if (firstTermIndexInLog.getIndex() <= next) {
            // Ratis asks every new member once; the leader's log has everything from here on.
            return CompletableFuture.completedFuture(null);
        }
        String leader = roleInfo.getFollowerInfo().getLeaderInfo().getId().getAddress();
        LOG.info("{} installing a snapshot from leader={} applied={} leaderLogStart={}", key, leader, next - 1,
                firstTermIndexInLog.getIndex());
        return CompletableFuture.supplyAsync(() -> installFrom(leader, firstTermIndexInLog), installs);
    }

    private TermIndex installFrom(String leader, TermIndex firstTermIndexInLog) {
        TermIndex installed = SnapshotTransfer.install(rpc, leader, key, factory.spans(key), storage);
        if (installed.getIndex() + 1 < firstTermIndexInLog.getIndex()) {
            throw new IllegalStateException(key + ": the leader sent state at " + installed
                    + " but its log starts at " + firstTermIndexInLog);
        }
        try {
            recordSnapshot(installed, installed.getIndex());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return installed;
    }

    /** Writes the marker Ratis knows as the latest snapshot (data already synced in RocksDB). */
    private void recordSnapshot(TermIndex at, long stored) throws IOException {
        File file = snapshots.getSnapshotFile(at.getTerm(), at.getIndex());
        new SnapshotMarker(key.uuid(), at.getTerm(), at.getIndex(), stored).write(file.toPath());
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        snapshots.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), at));
    }

    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** After a snapshot was installed: reload the delegate (e.g. the catalog view) from storage. */
    @Override
    public void reinitialize() throws IOException {
        getLifeCycle().transition(LifeCycle.State.STARTING);
        ReplicatedStateMachine old = delegate;
        delegate = factory.open(key, storage);
        if (old != null) {
            old.close();
        }
        AppliedIndex.Position stored = AppliedIndex.read(storage, key);
        storedIndex = stored == null ? RaftLog.INVALID_LOG_INDEX : stored.index();
        stalledFrom = -1;
        SingleFileSnapshotInfo snapshot = snapshots.getLatestSnapshot();
        if (snapshot != null) {
            setLastAppliedTermIndex(snapshot.getTermIndex());
        }
        getLifeCycle().transition(LifeCycle.State.RUNNING);
        LOG.info("{} state machine reloaded storedIndex={} snapshot={}", key, storedIndex,
                snapshot == null ? "none" : snapshot.getTermIndex());
    }

    @Override
    public void notifyLeaderChanged(org.apache.ratis.protocol.RaftGroupMemberId member, org.apache.ratis.protocol.RaftPeerId leader) {
        LOG.debug("{} leader changed leader={}", key, leader);
        metrics.leaderChanged(key);
    }

    /**
     * The group was removed from this server (locally or through another node's group management):
     * Ratis has closed this state machine and deletes the group's directory next; the data the
     * group stored in RocksDB goes with it, in one batch. Idempotent (the local path repeats it).
     */
    @Override
    public void notifyGroupRemove() {
        try (StorageBatch batch = storage.newBatch()) {
            factory.destroy(key, batch);
            AppliedIndex.delete(batch, key);
            storage.write(batch);
        }
        LOG.info("{} group removed: its stored data is deleted", key);
    }

    @Override
    public void close() throws IOException {
        if (delegate != null) {
            delegate.close();
        }
        super.close();
    }
}
