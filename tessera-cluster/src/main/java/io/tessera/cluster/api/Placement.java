package io.tessera.cluster.api;

import java.util.List;

/**
 * Where a fragment's replicas live. {@code replicas} is what the cluster wants (the first is the
 * preferred leader); {@code members} is the membership its Raft group was last known to have. They
 * differ while the placement driver moves a replica; the driver changes the group, then records
 * {@code members = replicas}.
 */
public record Placement(List<String> replicas, List<String> members) {
    public Placement {
        replicas = List.copyOf(replicas);
        members = List.copyOf(members);
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a fragment needs at least one replica");
        }
    }

    public static Placement of(List<String> replicas) {
        return new Placement(replicas, replicas);
    }

    public boolean settled() {
        return replicas.equals(members);
    }

    /** Node ids of both the wanted and the current members: everyone who may hold the group now. */
    public List<String> everyone() {
        return java.util.stream.Stream.concat(members.stream(), replicas.stream()).distinct().toList();
    }
}
