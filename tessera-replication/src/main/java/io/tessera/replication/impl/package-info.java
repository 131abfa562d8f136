/**
 * Apache Ratis behind the replication API.
 *
 * <p>{@link io.tessera.replication.impl.RatisRaftHost} runs one {@code RaftServer} (gRPC) per node;
 * its {@code StateMachine.Registry} turns a group id back into a {@code GroupKey} and opens the
 * registered factory's state machine, so a restart reopens every group directory under the Raft
 * directory. Each group costs a few threads (log worker, state machine updater, role timer), which
 * bounds a node to a few hundred replicas until Ratis' shared-executor options are adopted.
 *
 * <p>Requests ({@code Submitter}) go to the local server directly, without a gRPC hop; on a
 * follower that knows the leader they are forwarded through a Ratis client per group
 * ({@code LeaderForwarder}); while a group elects they are retried with the same call id (the retry
 * cache keeps a command from being applied twice) until the request deadline, then fail with 08006.
 * Ratis ends the JVM when its gRPC server cannot bind; the host checks the address first.
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
 * <p>Sending a snapshot to a follower (install-snapshot notification mode): when the leader's log
 * starts after what a follower has, the follower's {@code notifyInstallSnapshotFromLeader} fetches
 * the group's state from the leader over the node RPC ({@code SnapshotTransfer}): the leader opens
 * a session on one RocksDB snapshot and reads the group's applied position and the raw pairs (every
 * MVCC version) of the spans its factory names ({@code StateMachineFactory.spans}); the follower
 * clears its spans, writes the pages, writes the applied position last, syncs, records a snapshot
 * marker at that position and completes; Ratis then reinitializes the state machine (the delegate
 * is reopened from storage) and continues with the log. Entries without a command (configuration,
 * a new leader's first entry) store the applied index too, so the stored position always equals the
 * applied one and the leader's log continues right after it.
 *
 * <p>Cluster operations: a group not hosted here is reached through the forwarder's client for the
 * caller's peer list (replaced when the list changes); {@code GroupAdmin} creates and removes
 * replicas on other servers (group management) and changes membership and leadership (admin API;
 * the preferred leader gets a higher Raft priority, listeners the LISTENER startup role). A replica
 * removed by any node deletes its stored data in {@code notifyGroupRemove}.
 *
 * <p>Node RPC ({@code NodeRpc}): one gRPC service added to Ratis' own server with its services
 * customizer, so node-to-node calls share the Raft port; replies use the {@code Frames} envelope.
 */
package io.tessera.replication.impl;
