/**
 * The replication layer's API: a {@link io.tessera.replication.api.RaftHost} runs the node's single
 * Ratis server hosting many groups, named by {@link io.tessera.replication.api.GroupKey}; state
 * machines plug in as {@link io.tessera.replication.api.ReplicatedStateMachine}s (no Ratis types
 * cross this API); a fragment's write is a {@link io.tessera.replication.api.FragmentCommand}.
 *
 * <p>Durability contract: a command's future completes only after its log entry is fsynced on a
 * majority and applied on this node, so an acknowledged write survives kill -9 of any minority. The
 * state machine's effects go to RocksDB without fsync, together with the group's applied index; a
 * snapshot syncs RocksDB's WAL and only then lets Ratis purge the log, so a restarted node replays
 * exactly the entries after what RocksDB durably holds (entries at or below the stored applied index
 * are skipped).
 */
package io.tessera.replication.api;
