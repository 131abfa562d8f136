package io.tessera.cluster.impl;

import io.tessera.cluster.api.MembershipConfig;
import io.tessera.cluster.api.NodeDescriptor;
import io.tessera.cluster.api.Placement;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.common.error.SqlException;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.GroupStatus;
import io.tessera.replication.api.Membership;
import io.tessera.replication.api.Peer;
import io.tessera.replication.api.RaftHost;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the cluster's groups match what it should be, one round a second, on the node that leads
 * the metadata group (one driver at a time; a driver deposed mid-round fails its next metadata
 * command, and the compare-and-set placements keep two drivers from undoing each other):
 * <ol>
 * <li>the metadata group runs on 3 voters (5 from 5 nodes) among live active nodes, every other
 *     node holds a listener replica (so every node reads the catalog locally);
 * <li>a fragment replica on a node dead for longer than dead-after, or on a decommissioning node,
 *     is replaced by one on the live node holding the fewest; {@code replicas = 'all'} tables
 *     grow onto new nodes;
 * <li>otherwise one replica moves from the fullest node to the emptiest while counts differ by more
 *     than one, and preferred leaders are spread the same way;
 * <li>the Raft group of every fragment whose wanted replicas differ from its members is changed
 *     (new replicas created, membership changed by joint consensus, old replicas removed);
 * <li>a decommissioning node that holds nothing is marked decommissioned.
 * </ol>
 */
final class PlacementDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlacementDriver.class);
    private static final long ROUND_MILLIS = 1_000;
    /** Group changes per round: each waits for a new replica to catch up; rounds stay short. */
    private static final int GROUP_CHANGES_PER_ROUND = 4;

    private final RaftHost host;
    private final RaftCatalog.View view;
    private final RaftCluster cluster;
    private final ScheduledExecutorService executor;
    /** A replica created for a new member is left to catch up this long before it is wiped and re-created. */
    private static final long FRESH_REPLICA_GRACE_MILLIS = 30_000;
    /** When this driver created a member's replica ("node/group" → System.nanoTime). */
    private final Map<String, Long> createdNanos = new java.util.concurrent.ConcurrentHashMap<>();
    /** When this node became the metadata leader (System.nanoTime), or -1 while it is not. */
    private volatile long leaderSinceNanos = -1;

    PlacementDriver(RaftHost host, RaftCatalog.View view, RaftCluster cluster) {
        this.host = host;
        this.view = view;
        this.cluster = cluster;
        // Two threads: heartbeats must go out while a round waits for a new replica to catch up.
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "placement-driver");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        executor.scheduleWithFixedDelay(cluster::heartbeat, 0, MembershipConfig.HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::roundSafely, ROUND_MILLIS, ROUND_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void roundSafely() {
        try {
            GroupStatus meta = host.hasGroup(GroupKey.META) ? host.status(GroupKey.META) : null;
            if (meta == null || !meta.leader()) {
                leaderSinceNanos = -1;
                return;
            }
            if (leaderSinceNanos < 0) {
                leaderSinceNanos = System.nanoTime();
            }
            // A new leader may not have applied every committed heartbeat yet: act on a current registry.
            if (meta.appliedIndex() >= meta.commitIndex()) {
                round();
            }
        } catch (SqlException e) {
            LOG.info("placement round stopped: {} {}", e.sqlState(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("placement round failed", e);
        }
    }

    void round() {
        reconcileMetadataGroup();
        if (!repairPlacements()) {
            balance();
        }
        changeGroups();
        finishDecommissions();
    }

    /**
     * Nodes that may hold replicas: live, or suspect (not dead yet), and active. A driver that has
     * led for less than dead-after declares nobody dead: heartbeats sent to the previous leader
     * while this node was itself away may still be on their way into its registry.
     */
    private List<String> keepable() {
        boolean mayJudge = System.nanoTime() - leaderSinceNanos
                > TimeUnit.MILLISECONDS.toNanos(cluster.config().deadAfterMillis());
        return cluster.nodes().stream()
                .filter(n -> n.adminState() == NodeDescriptor.AdminState.ACTIVE)
                .filter(n -> !mayJudge || cluster.liveness(n) != NodeDescriptor.Liveness.DEAD)
                .map(NodeDescriptor::id).sorted().toList();
    }

    /** Nodes that may receive new replicas: live and active. */
    private List<String> eligible() {
        return cluster.eligibleNodeIds();
    }

    /**
     * One step of the metadata group toward its wanted voters and listeners. Raft (and Ratis)
     * change voters one at a time, so that the old and new majorities always overlap.
     */
    private void reconcileMetadataGroup() {
        GroupStatus status = host.status(GroupKey.META);
        List<String> keep = keepable();
        int target = keep.size() >= 5 ? 5 : Math.min(3, keep.size());
        List<String> voters = new ArrayList<>();
        for (String id : keep) {
            if (status.peers().contains(id) && voters.size() < target) {
                voters.add(id);
            }
        }
        for (String id : keep) {
            if (!voters.contains(id) && voters.size() < target) {
                voters.add(id);
            }
        }
        if (!voters.contains(cluster.selfId())) {
            return; // This leader is being moved off (decommissioning): leave the change to a later leader.
        }
        List<String> nextVoters = stepToward(status.peers(), voters);
        List<String> listeners = keep.stream().filter(id -> !nextVoters.contains(id)).toList();
        if (new HashSet<>(nextVoters).equals(new HashSet<>(status.peers()))
                && new HashSet<>(listeners).equals(new HashSet<>(status.listeners()))) {
            return;
        }
        Membership next = new Membership(cluster.peersOf(nextVoters), cluster.peersOf(listeners), null);
        Set<String> before = new HashSet<>(status.peers());
        before.addAll(status.listeners());
        for (Peer p : next.all()) {
            if (!before.contains(p.id())) {
                freshReplica(p, GroupKey.META);
            }
        }
        host.setMembership(GroupKey.META, cluster.peersOf(List.copyOf(before)), next);
        Set<String> after = new HashSet<>(nextVoters);
        after.addAll(listeners);
        for (String id : before) {
            if (!after.contains(id)) {
                cluster.node(id).ifPresent(n -> removeQuietly(new Peer(n.id(), n.rpcAddress()), GroupKey.META));
            }
        }
        LOG.info("metadata group membership voters={} listeners={}", nextVoters, listeners);
    }

    /** Current voters with one wanted voter added, or else one unwanted voter removed. */
    static List<String> stepToward(List<String> current, List<String> wanted) {
        List<String> next = new ArrayList<>(current);
        for (String w : wanted) {
            if (!current.contains(w)) {
                next.add(w);
                return next;
            }
        }
        for (String c : current) {
            if (!wanted.contains(c) && current.size() > 1) {
                next.remove(c);
                return next;
            }
        }
        return next;
    }

    /** Re-creates replicas lost with dead or decommissioning nodes; true when it changed anything. */
    private boolean repairPlacements() {
        CatalogState state = view.get();
        Set<String> keep = new HashSet<>(keepable());
        List<String> eligible = eligible();
        Map<String, Integer> counts = PlacementPolicy.replicaCounts(state.placements(), eligible);
        boolean changed = false;
        for (TableDescriptor table : state.tables().values()) {
            for (var f : table.allFragments()) {
                Placement p = state.placements().get(f.id());
                if (p == null || !p.settled()) {
                    continue;
                }
                int factor = table.replicas() == TableSpec.REPLICAS_ALL ? Math.max(1, eligible.size())
                        : table.replicas() > 0 ? table.replicas() : p.replicas().size();
                List<String> next = PlacementPolicy.repair(p.replicas(), factor, keep, eligible, counts);
                if (!next.equals(p.replicas()) && !next.isEmpty()) {
                    changed |= setPlacement(f.id(), p, new Placement(next, p.members()));
                }
            }
        }
        return changed;
    }

    private void balance() {
        CatalogState state = view.get();
        List<String> eligible = eligible();
        Map<Long, Placement> settled = new java.util.TreeMap<>();
        state.placements().forEach((id, p) -> {
            if (p.settled() && eligible.containsAll(p.replicas())) {
                settled.put(id, p);
            }
        });
        Optional<Map.Entry<Long, List<String>>> move = PlacementPolicy.balanceMove(settled, eligible)
                .or(() -> PlacementPolicy.leaderMove(settled, eligible));
        move.ifPresent(m -> {
            Placement p = state.placements().get(m.getKey());
            LOG.info("balance fragment={} replicas {} -> {}", m.getKey(), p.replicas(), m.getValue());
            setPlacement(m.getKey(), p, new Placement(m.getValue(), p.members()));
        });
    }

    private boolean setPlacement(long fragmentId, Placement expected, Placement next) {
        try {
            host.call(GroupKey.META, CatalogStore.write(new MetaCommand.SetPlacement(fragmentId, expected, next)));
            return true;
        } catch (SqlException e) {
            LOG.info("placement of fragment {} not changed: {}", fragmentId, e.getMessage());
            return false;
        }
    }

    /** Brings up to a few unsettled fragments' Raft groups to their wanted replicas. */
    private void changeGroups() {
        int changes = 0;
        for (Map.Entry<Long, Placement> e : view.get().placements().entrySet()) {
            if (e.getValue().settled()) {
                continue;
            }
            if (changes++ >= GROUP_CHANGES_PER_ROUND) {
                return;
            }
            try {
                changeGroup(e.getKey(), e.getValue());
            } catch (SqlException ex) {
                LOG.info("fragment {} group change to {} not done yet: {}", e.getKey(), e.getValue().replicas(), ex.getMessage());
            }
        }
    }

    /** Moves a fragment's group to its wanted replicas one voter at a time, recording each step. */
    private void changeGroup(long fragmentId, Placement p) {
        GroupKey key = GroupKey.fragment(fragmentId);
        String preferred = p.replicas().get(0);
        while (!p.settled()) {
            List<String> step = stepToward(p.members(), p.replicas());
            List<String> nextMembers = new HashSet<>(step).equals(new HashSet<>(p.replicas())) ? p.replicas() : step;
            Membership next = new Membership(cluster.peersOf(nextMembers), List.of(),
                    nextMembers.contains(preferred) ? preferred : nextMembers.get(0));
            for (String id : nextMembers) {
                if (!p.members().contains(id)) {
                    freshReplica(cluster.peer(id), key);
                }
            }
            host.setMembership(key, cluster.peersOf(p.everyone()), next);
            for (String old : p.members()) {
                if (!nextMembers.contains(old)) {
                    cluster.node(old).ifPresent(n -> removeQuietly(new Peer(n.id(), n.rpcAddress()), key));
                }
            }
            Placement recorded = new Placement(p.replicas(), nextMembers);
            host.call(GroupKey.META, CatalogStore.write(new MetaCommand.SetPlacement(fragmentId, p, recorded)));
            p = recorded;
        }
        moveLeadership(key, p);
        LOG.info("fragment {} replicas now {}", fragmentId, p.replicas());
    }

    /**
     * Hands leadership to the preferred replica. Raft priorities alone move it only when the
     * leader notices an up-to-date higher-priority follower, which an idle group may not do soon.
     */
    private void moveLeadership(GroupKey key, Placement p) {
        String preferred = p.replicas().get(0);
        try {
            host.transferLeadership(key, cluster.peersOf(p.replicas()), preferred);
        } catch (SqlException | IllegalArgumentException e) {
            LOG.info("leadership of {} stays where it is for now: {}", key, e.getMessage());
        }
    }

    /**
     * Creates a new member's replica, empty and knowing no members, so that it waits for the leader
     * (a replica that knew the new membership could campaign before the leader added it, and be
     * told to shut down). A node coming back after it was dropped from the group while down still
     * holds its old replica, whose stale configuration keeps it from catching up: that one is
     * removed first. The new replica catches up from the leader's log or a snapshot.
     */
    private void freshReplica(Peer peer, GroupKey key) {
        String replica = peer.id() + "/" + key;
        Long created = createdNanos.get(replica);
        // A replica this driver created a moment ago is catching up: leave it, or it never finishes.
        if (created == null || System.nanoTime() - created > TimeUnit.MILLISECONDS.toNanos(FRESH_REPLICA_GRACE_MILLIS)) {
            removeQuietly(peer, key);
            createdNanos.put(replica, System.nanoTime());
        }
        host.createLearnerOn(peer, key);
    }

    private void removeQuietly(Peer peer, GroupKey key) {
        try {
            host.removeGroupOn(peer, key);
        } catch (SqlException e) {
            // A dead node's copy goes when it comes back: its start-up reconcile drops groups it is not in.
            LOG.info("could not remove {} from node {} now: {}", key, peer.id(), e.getMessage());
        }
    }

    private void finishDecommissions() {
        CatalogState state = view.get();
        for (NodeDescriptor n : state.nodes().values()) {
            if (n.adminState() != NodeDescriptor.AdminState.DECOMMISSIONING) {
                continue;
            }
            boolean holds = state.placements().values().stream().anyMatch(p -> p.everyone().contains(n.id()));
            GroupStatus metaStatus = host.status(GroupKey.META);
            boolean meta = metaStatus.peers().contains(n.id()) || metaStatus.listeners().contains(n.id());
            if (!holds && !meta) {
                host.call(GroupKey.META, CatalogStore.write(
                        new MetaCommand.SetAdminState(n.id(), NodeDescriptor.AdminState.DECOMMISSIONED)));
                LOG.info("node {} decommissioned: it holds no replica and can be stopped", n.id());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
