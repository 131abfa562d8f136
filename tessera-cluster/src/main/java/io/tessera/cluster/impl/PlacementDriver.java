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
    /** The metadata membership this driver last set; null until it set one. */
    private Membership lastMeta;

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
            if (host.hasGroup(GroupKey.META) && host.status(GroupKey.META).leader()) {
                round();
            } else {
                lastMeta = null;
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

    /** Nodes that may hold replicas: live, or suspect (not dead yet), and active. */
    private List<String> keepable() {
        return cluster.nodes().stream()
                .filter(n -> n.adminState() == NodeDescriptor.AdminState.ACTIVE)
                .filter(n -> cluster.liveness(n) != NodeDescriptor.Liveness.DEAD)
                .map(NodeDescriptor::id).sorted().toList();
    }

    /** Nodes that may receive new replicas: live and active. */
    private List<String> eligible() {
        return cluster.nodes().stream()
                .filter(n -> n.adminState() == NodeDescriptor.AdminState.ACTIVE)
                .filter(n -> cluster.liveness(n) == NodeDescriptor.Liveness.LIVE)
                .map(NodeDescriptor::id).sorted().toList();
    }

    private void reconcileMetadataGroup() {
        GroupStatus status = host.status(GroupKey.META);
        List<String> keep = keepable();
        int target = keep.size() >= 5 ? 5 : Math.min(3, keep.size());
        List<String> voters = new ArrayList<>();
        Set<String> currentVoters = lastMeta == null ? new HashSet<>(status.peers())
                : new HashSet<>(lastMeta.voters().stream().map(Peer::id).toList());
        for (String id : keep) {
            if (currentVoters.contains(id) && voters.size() < target) {
                voters.add(id);
            }
        }
        for (String id : keep) {
            if (!voters.contains(id) && voters.size() < target && !status.peers().contains(id)) {
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
        List<String> listeners = keep.stream().filter(id -> !voters.contains(id)).toList();
        Membership next = new Membership(cluster.peersOf(voters), cluster.peersOf(listeners), null);
        Set<String> wanted = new HashSet<>(voters);
        wanted.addAll(listeners);
        if (next.equals(lastMeta)) {
            return;
        }
        if (lastMeta == null && wanted.equals(new HashSet<>(status.peers())) && voters.size() == target) {
            lastMeta = next; // After a leader change: assume the roles were set by the previous driver.
            return;
        }
        List<Peer> current = cluster.peersOf(status.peers());
        for (Peer p : next.all()) {
            if (!status.peers().contains(p.id())) {
                host.createGroupOn(p, GroupKey.META, next);
            }
        }
        host.setMembership(GroupKey.META, current, next);
        for (Peer p : current) {
            if (!wanted.contains(p.id())) {
                removeQuietly(p, GroupKey.META);
            }
        }
        lastMeta = next;
        LOG.info("metadata group membership voters={} listeners={}", voters, listeners);
    }

    /** Re-creates replicas lost with dead or decommissioning nodes; true when it changed anything. */
    private boolean repairPlacements() {
        CatalogState state = view.get();
        Set<String> keep = new HashSet<>(keepable());
        List<String> eligible = eligible();
        Map<String, Integer> counts = PlacementPolicy.replicaCounts(state.placements(), eligible);
        boolean changed = false;
        for (TableDescriptor table : state.tables().values()) {
            for (var f : table.fragments()) {
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

    private void changeGroup(long fragmentId, Placement p) {
        GroupKey key = GroupKey.fragment(fragmentId);
        List<Peer> wanted = cluster.peersOf(p.replicas());
        Membership next = new Membership(wanted, List.of(), p.replicas().get(0));
        Set<String> members = new LinkedHashSet<>(p.members());
        for (Peer peer : wanted) {
            if (!members.contains(peer.id())) {
                host.createGroupOn(peer, key, next);
            }
        }
        host.setMembership(key, cluster.peersOf(p.everyone()), next);
        for (String old : p.members()) {
            if (!p.replicas().contains(old)) {
                cluster.node(old).ifPresent(n -> removeQuietly(new Peer(n.id(), n.rpcAddress()), key));
            }
        }
        host.call(GroupKey.META, CatalogStore.write(new MetaCommand.SetPlacement(fragmentId, p, Placement.of(p.replicas()))));
        LOG.info("fragment {} replicas now {}", fragmentId, p.replicas());
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
            boolean meta = lastMeta != null && lastMeta.all().stream().anyMatch(p -> p.id().equals(n.id()));
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
