package io.tessera.cluster.impl;

import io.tessera.cluster.api.Placement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The placement rules, as pure functions of the registry and the current placements, so they can
 * be tested without a cluster. Replicas of one fragment never share a node; new replicas go to the
 * eligible nodes holding the fewest; the first replica (the preferred leader) goes to the node
 * leading the fewest, which spreads leaders; balance moves one replica at a time from the fullest
 * node to the emptiest until counts differ by at most one.
 */
final class PlacementPolicy {
    private PlacementPolicy() {}

    /** Replica counts per eligible node (0 for nodes holding none). */
    static Map<String, Integer> replicaCounts(Map<Long, Placement> placements, List<String> eligible) {
        Map<String, Integer> counts = new HashMap<>();
        eligible.forEach(n -> counts.put(n, 0));
        for (Placement p : placements.values()) {
            p.replicas().forEach(n -> counts.merge(n, 1, Integer::sum));
        }
        return counts;
    }

    static Map<String, Integer> leaderCounts(Map<Long, Placement> placements, List<String> eligible) {
        Map<String, Integer> counts = new HashMap<>();
        eligible.forEach(n -> counts.put(n, 0));
        for (Placement p : placements.values()) {
            counts.merge(p.replicas().get(0), 1, Integer::sum);
        }
        return counts;
    }

    /** Replicas for {@code fragments} new fragments, {@code factor} distinct eligible nodes each. */
    static List<List<String>> placeNew(int fragments, int factor, List<String> eligible, Map<Long, Placement> existing) {
        if (factor > eligible.size()) {
            throw new IllegalArgumentException(factor + " replicas need as many nodes, there are " + eligible.size());
        }
        Map<String, Integer> replicas = replicaCounts(existing, eligible);
        Map<String, Integer> leaders = leaderCounts(existing, eligible);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < fragments; i++) {
            String leader = leastLoaded(eligible, leaders, replicas, Set.of()).orElseThrow();
            List<String> chosen = new ArrayList<>(List.of(leader));
            while (chosen.size() < factor) {
                chosen.add(leastLoaded(eligible, replicas, leaders, Set.copyOf(chosen)).orElseThrow());
            }
            chosen.forEach(n -> replicas.merge(n, 1, Integer::sum));
            leaders.merge(leader, 1, Integer::sum);
            out.add(List.copyOf(chosen));
        }
        return out;
    }

    /** The eligible node not in {@code exclude} with the lowest primary count (then secondary, then id). */
    private static Optional<String> leastLoaded(List<String> eligible, Map<String, Integer> primary,
            Map<String, Integer> secondary, Set<String> exclude) {
        return eligible.stream().filter(n -> !exclude.contains(n))
                .min(Comparator.<String>comparingInt(n -> primary.getOrDefault(n, 0))
                        .thenComparingInt(n -> secondary.getOrDefault(n, 0))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /**
     * A fragment's replicas with every node that may no longer hold it ({@code keep} says which may)
     * replaced by an eligible node, and grown to {@code factor} when eligible nodes allow; the
     * preferred leader stays first when it survives. Unchanged when nothing can be improved.
     */
    static List<String> repair(List<String> replicas, int factor, Set<String> keep, List<String> eligible,
            Map<String, Integer> counts) {
        List<String> next = new ArrayList<>();
        for (String n : replicas) {
            if (keep.contains(n)) {
                next.add(n);
            }
        }
        Set<String> taken = new LinkedHashSet<>(replicas);
        while (next.size() < factor) {
            Optional<String> add = leastLoaded(eligible, counts, Map.of(), taken);
            if (add.isEmpty()) {
                break;
            }
            next.add(add.get());
            taken.add(add.get());
            counts.merge(add.get(), 1, Integer::sum);
        }
        // Never drop below what we had while no replacement exists: a dead node's replica may return.
        if (next.size() < Math.min(factor, replicas.size())) {
            for (String n : replicas) {
                if (!next.contains(n) && next.size() < Math.min(factor, replicas.size())) {
                    next.add(n);
                }
            }
        }
        return List.copyOf(next);
    }

    /** One move that narrows the spread of replica counts, when it is above one: fragment → new replicas. */
    static Optional<Map.Entry<Long, List<String>>> balanceMove(Map<Long, Placement> placements, List<String> eligible) {
        if (eligible.size() < 2) {
            return Optional.empty();
        }
        Map<String, Integer> counts = replicaCounts(placements, eligible);
        String fullest = eligible.stream().max(Comparator.<String>comparingInt(counts::get).thenComparing(Comparator.naturalOrder())).orElseThrow();
        String emptiest = eligible.stream().min(Comparator.<String>comparingInt(counts::get).thenComparing(Comparator.naturalOrder())).orElseThrow();
        if (counts.get(fullest) - counts.get(emptiest) <= 1) {
            return Optional.empty();
        }
        // Prefer moving a replica that is not the preferred leader, so leadership stays put.
        Map.Entry<Long, Placement> candidate = null;
        for (Map.Entry<Long, Placement> e : placements.entrySet()) {
            List<String> r = e.getValue().replicas();
            if (!r.contains(fullest) || r.contains(emptiest) || !e.getValue().settled()) {
                continue;
            }
            if (candidate == null || !r.get(0).equals(fullest)) {
                candidate = e;
                if (!r.get(0).equals(fullest)) {
                    break;
                }
            }
        }
        if (candidate == null) {
            return Optional.empty();
        }
        List<String> next = new ArrayList<>(candidate.getValue().replicas());
        next.set(next.indexOf(fullest), emptiest);
        return Optional.of(Map.entry(candidate.getKey(), List.copyOf(next)));
    }

    /**
     * One change of preferred leader that narrows the spread of leader counts, when it is above
     * one: a fragment led by the node leading most gets, as first replica, its replica on the node
     * leading fewest. Membership does not change, only the order (Raft priority).
     */
    static Optional<Map.Entry<Long, List<String>>> leaderMove(Map<Long, Placement> placements, List<String> eligible) {
        if (eligible.size() < 2) {
            return Optional.empty();
        }
        Map<String, Integer> leaders = leaderCounts(placements, eligible);
        for (Map.Entry<Long, Placement> e : placements.entrySet()) {
            List<String> r = e.getValue().replicas();
            if (!e.getValue().settled() || !eligible.contains(r.get(0))) {
                continue;
            }
            String current = r.get(0);
            Optional<String> better = r.stream().skip(1).filter(eligible::contains)
                    .filter(n -> leaders.get(current) - leaders.get(n) > 1)
                    .min(Comparator.<String>comparingInt(leaders::get).thenComparing(Comparator.naturalOrder()));
            if (better.isPresent()) {
                List<String> next = new ArrayList<>(r);
                next.remove(better.get());
                next.add(0, better.get());
                return Optional.of(Map.entry(e.getKey(), List.copyOf(next)));
            }
        }
        return Optional.empty();
    }
}
