/**
 * Apache Ratis behind the replication API.
 *
 * <p>{@link io.tessera.replication.impl.RatisRaftHost} runs one {@code RaftServer} (gRPC) per node;
 * its {@code StateMachine.Registry} turns a group id back into a {@code GroupKey} and opens the
 * registered factory's state machine, so a restart reopens every group directory under the Raft
 * directory. Each group costs a few threads (log worker, state machine updater, role timer), which
 * bounds a node to a few hundred replicas until Ratis' shared-executor options are adopted.
 *
 * <p>Apply path ({@code RatisStateMachine}): one storage batch per entry holds the effects and
 * {@code raft/applied/<group>} = (term, index); RocksDB writes are not fsynced. Replays skip entries
 * at or below the stored index, so applying is idempotent. A write that fails locally (disk full)
 * stalls the group's applied position at that entry; the client gets 53100 and the next entry first
 * re-applies the stalled ones from the Raft log, so nothing is skipped and replicas do not diverge.
 *
 * <p>Snapshots: Ratis triggers one every {@code snapshotThresholdEntries}; taking it syncs RocksDB's
 * WAL and then writes a small marker file (term, index, stored applied index, MD5) in the group's
 * Ratis state-machine directory; Ratis then purges closed log segments below it. On start the
 * marker's position tells Ratis where replay starts, and the stored index is checked against it.
 *
 * <p>Sending a snapshot to a follower (planned, not yet done; install is disabled in the properties
 * and the log is purged only up to what every follower has): the follower's
 * {@code notifyInstallSnapshotFromLeader} asks the leader, over the node RPC service, for a RocksDB
 * checkpoint of the fragment's storage span ({@code 'f' ++ fragmentId}, see {@code FragmentKeys})
 * plus the fragment's meta keys as SST files; it range-deletes its own span, ingests the SSTs
 * ({@code ingestExternalFile}), writes the snapshot's applied index in the same step, and returns
 * the snapshot's term/index to Ratis, which continues with the log after it.
 */
package io.tessera.replication.impl;
