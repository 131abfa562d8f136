package io.tessera.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cluster.api.Placement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {
    private static final List<String> THREE = List.of("a", "b", "c");

    @Test
    void newFragmentsUseDistinctNodesAndSpreadLeaders() {
        List<List<String>> placed = PlacementPolicy.placeNew(8, 3, THREE, Map.of());
        Map<String, Integer> leaders = new HashMap<>();
        for (List<String> replicas : placed) {
            assertThat(new HashSet<>(replicas)).hasSize(3);
            leaders.merge(replicas.get(0), 1, Integer::sum);
        }
        assertThat(leaders.values()).allSatisfy(n -> assertThat(n).isBetween(2, 3));
    }

    @Test
    void partialReplicationBalancesReplicaCounts() {
        List<List<String>> placed = PlacementPolicy.placeNew(6, 2, List.of("a", "b", "c", "d"), Map.of());
        Map<String, Integer> counts = new HashMap<>();
        placed.forEach(r -> r.forEach(n -> counts.merge(n, 1, Integer::sum)));
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isEqualTo(3));
    }

    @Test
    void repairReplacesADeadNodeKeepingTheLeaderFirst() {
        Map<String, Integer> counts = new HashMap<>(Map.of("a", 1, "b", 1, "d", 0));
        List<String> next = PlacementPolicy.repair(List.of("a", "b", "c"), 3, Set.of("a", "b", "d"), List.of("a", "b", "d"), counts);
        assertThat(next).containsExactly("a", "b", "d");
    }

    @Test
    void repairKeepsAReplicaWhenNoNodeCanTakeIt() {
        List<String> next = PlacementPolicy.repair(List.of("a", "b", "c"), 3, Set.of("a", "b"), List.of("a", "b"),
                new HashMap<>());
        assertThat(next).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aJoinedNodeReceivesReplicasUntilCountsDifferByOne() {
        Map<Long, Placement> placements = new HashMap<>();
        List<List<String>> placed = PlacementPolicy.placeNew(8, 3, THREE, Map.of());
        for (int i = 0; i < placed.size(); i++) {
            placements.put((long) i, Placement.of(placed.get(i)));
        }
        List<String> four = List.of("a", "b", "c", "d");
        int moves = 0;
        Optional<Map.Entry<Long, List<String>>> move;
        while ((move = PlacementPolicy.balanceMove(placements, four)).isPresent()) {
            placements.put(move.get().getKey(), Placement.of(move.get().getValue()));
            assertThat(new HashSet<>(move.get().getValue())).hasSize(3);
            assertThat(++moves).isLessThan(20);
        }
        Map<String, Integer> counts = PlacementPolicy.replicaCounts(placements, four);
        assertThat(counts.get("d")).isGreaterThanOrEqualTo(5);
        assertThat(counts.values().stream().mapToInt(i -> i).max().getAsInt()
                - counts.values().stream().mapToInt(i -> i).min().getAsInt()).isLessThanOrEqualTo(1);
        while ((move = PlacementPolicy.leaderMove(placements, four)).isPresent()) {
            placements.put(move.get().getKey(), Placement.of(move.get().getValue()));
            assertThat(++moves).isLessThan(40);
        }
        assertThat(PlacementPolicy.leaderCounts(placements, four).get("d")).isGreaterThanOrEqualTo(1);
    }
}
