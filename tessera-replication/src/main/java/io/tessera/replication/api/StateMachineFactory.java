package io.tessera.replication.api;

import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageEngine;

/**
 * Opens the state machine of a group kind; registered with the {@link RaftHost} before it starts,
 * because a restarting host reopens every group it finds on disk.
 */
public interface StateMachineFactory {

    /** Opens the group's state machine over the node's storage, loading what earlier applies wrote. */
    ReplicatedStateMachine open(GroupKey key, StorageEngine storage);

    /** Adds to {@code batch} the deletion of everything the group's state machine stored. */
    void destroy(GroupKey key, StorageBatch batch);

    /**
     * The storage spans the group's state machine owns (see {@link GroupSpans}); snapshots are sent
     * to followers as the raw pairs of these spans. Kinds that do not override it cannot install
     * snapshots: a follower the leader's purged log left behind then stays behind.
     */
    default GroupSpans spans(GroupKey key) {
        throw new UnsupportedOperationException("state machines of kind " + key.kind() + " name no storage spans");
    }
}
