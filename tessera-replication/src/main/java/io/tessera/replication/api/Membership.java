package io.tessera.replication.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who belongs to a Raft group: voters (they elect and form majorities), listeners (they receive
 * and apply the log but never vote, e.g. the metadata group on nodes beyond the first 3 or 5) and
 * the voter that should lead when it is up (it gets a higher Raft priority, so leadership returns
 * to it after a failover, which spreads leaders over nodes).
 *
 * @param preferredLeader id of one of the voters, or null for no preference
 */
public record Membership(List<Peer> voters, List<Peer> listeners, String preferredLeader) {
    public Membership {
        voters = List.copyOf(voters);
        listeners = List.copyOf(listeners);
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one voter");
        }
        Set<String> ids = new HashSet<>();
        for (Peer p : voters) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("peer " + p.id() + " listed twice");
            }
        }
        for (Peer p : listeners) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("peer " + p.id() + " listed twice");
            }
        }
        if (preferredLeader != null && voters.stream().noneMatch(p -> p.id().equals(preferredLeader))) {
            throw new IllegalArgumentException("preferred leader " + preferredLeader + " is not a voter");
        }
    }

    public static Membership of(List<Peer> voters) {
        return new Membership(voters, List.of(), null);
    }

    /** Voters then listeners. */
    public List<Peer> all() {
        return java.util.stream.Stream.concat(voters.stream(), listeners.stream()).toList();
    }
}
