package io.tessera.replication.api;

import java.util.List;

/**
 * What this node's replica of one Raft group knows right now: who leads, the term, how far the
 * log is committed and applied. Read for {@code tessera.fragments}, {@code tessera status} and
 * metrics; a follower's view of the leader may be a heartbeat old.
 *
 * @param peers the voting members' node ids, sorted
 * @param listeners the listening (non-voting) members' node ids, sorted
 * @param leaderId the leader's node id, or null while an election runs
 */
public record GroupStatus(GroupKey key, List<String> peers, List<String> listeners, String leaderId, boolean leader,
        long term, long commitIndex, long appliedIndex) {
    public GroupStatus {
        peers = List.copyOf(peers);
        listeners = List.copyOf(listeners);
    }
}
