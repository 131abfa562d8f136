package io.tessera.cluster.impl;

import io.tessera.cluster.api.Placement;
import io.tessera.replication.api.Membership;
import io.tessera.replication.api.Peer;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.FragmentSpans;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.IndexSpec;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.cluster.api.TableStatistics;
import io.tessera.cluster.api.ViewDescriptor;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.GroupSpans;
import io.tessera.replication.api.RaftHost;
import io.tessera.replication.api.ReplicatedStateMachine;
import io.tessera.replication.api.StateMachineFactory;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageEngine;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Catalog} over the metadata Raft group: changes are commands of that group; reads come
 * from the state its local replica applied (a {@link View}). Fragment groups are created after the
 * table's command commits, on the nodes its placement chose, and removed after a drop commits;
 * {@link #reconcile()} at open removes groups of tables dropped while this node was away. Moving
 * replicas later is the {@link PlacementDriver}'s job.
 */
public final class RaftCatalog implements Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(RaftCatalog.class);
    /** Sequence values reserved per metadata command: one Raft round trip per 100 nextval calls. */
    static final int SEQUENCE_BLOCK = 100;
    /** Limits on what CREATE TABLE may ask for, checked before anything is proposed. */
    static final int COLUMNS_MAX = 1600; // PostgreSQL's MaxHeapAttributeNumber
    static final int NAME_BYTES_MAX = 63; // PostgreSQL's NAMEDATALEN - 1

    /** The applied catalog of this node, shared by the state machine (writer) and the catalog (reader). */
    public static final class View {
        private final AtomicReference<CatalogState> state = new AtomicReference<>(CatalogState.EMPTY);
        /**
         * Whether this replica has been seen level with the metadata leader since it was opened:
         * until then a name missing here may only be missing from a replica still catching up (a
         * node back from a crash, or given a fresh replica), so a lookup that cannot reach the
         * leader fails with 57P03, not 42P01.
         */
        private volatile boolean confirmed;

        CatalogState get() { return state.get(); }

        void set(CatalogState s) {
            CatalogState old = state.getAndSet(s);
            if (s.version() < old.version()) {
                confirmed = false; // a fresh replica replaced the one that was level
            }
        }
    }

    /** A block of sequence values this node may hand out without asking the group. */
    private record Block(long next, long end) {}

    /** How long a lookup of an unknown name waits for this replica to catch up with the metadata leader. */
    private static final long CATCH_UP_MILLIS = 2_000;

    private final RaftHost host;
    private final View view;
    private final RaftCluster cluster;
    private final Map<String, Block> blocks = new HashMap<>();


    private RaftCatalog(RaftHost host, View view, RaftCluster cluster) {
        this.host = host;
        this.view = view;
        this.cluster = cluster;
    }

    public static StateMachineFactory stateMachineFactory(View view) {
        return new StateMachineFactory() {
            @Override
            public ReplicatedStateMachine open(GroupKey key, StorageEngine storage) {
                return new MetadataStateMachine(CatalogStore.load(storage), CatalogStore.loadTimestamps(storage), view::set);
            }

            @Override
            public void destroy(GroupKey key, StorageBatch batch) {
                batch.deleteMetaRange(CatalogStore.ALL_PREFIX, KeyCodec.prefixEnd(CatalogStore.ALL_PREFIX));
            }

            /** Snapshots sent to a new metadata replica: every catalog meta key, no data keys. */
            @Override
            public GroupSpans spans(GroupKey key) {
                return new GroupSpans(List.of(), List.of(new GroupSpans.Span(CatalogStore.ALL_PREFIX,
                        KeyCodec.prefixEnd(CatalogStore.ALL_PREFIX))));
            }
        };
    }

    /** Enters the cluster (bootstrap, join or restart), then converges this node's groups to the catalog. */
    static RaftCatalog open(RaftHost host, View view, RaftCluster cluster) {
        cluster.enter();
        RaftCatalog catalog = new RaftCatalog(host, view, cluster);
        catalog.reconcile();
        return catalog;
    }

    /**
     * Removes this node's groups of fragments that no longer exist (dropped while it was away) or
     * whose placement moved off it; creates, on this node alone, the groups of fragments stored
     * before placement existed (single-node data directories of earlier versions).
     */
    void reconcile() {
        CatalogState state = view.get();
        Set<GroupKey> known = new HashSet<>();
        Set<GroupKey> unplaced = new HashSet<>();
        Map<GroupKey, Placement> mine = new HashMap<>();
        for (TableDescriptor table : state.tables().values()) {
            for (FragmentDescriptor f : table.allFragments()) {
                Placement p = state.placements().get(f.id());
                if (p == null) {
                    unplaced.add(GroupKey.fragment(f.id()));
                    known.add(GroupKey.fragment(f.id()));
                } else if (p.everyone().contains(cluster.selfId())) {
                    known.add(GroupKey.fragment(f.id()));
                    if (p.members().contains(cluster.selfId())) {
                        mine.put(GroupKey.fragment(f.id()), p);
                    }
                }
            }
        }
        List<GroupKey> stale = host.groups().stream()
                .filter(key -> key.kind() == GroupKey.Kind.FRAGMENT && !known.contains(key)).toList();
        if (!stale.isEmpty()) {
            LOG.info("catalog reconcile: removing groups this node no longer holds groups={}", stale);
            host.removeGroups(stale);
        }
        if (!unplaced.isEmpty()) {
            host.createGroups(unplaced, List.of(host.self()));
        }
        // A member whose replica is missing (lost before it was created): an empty one catches up from the leader.
        mine.forEach((key, p) -> {
            if (!host.hasGroup(key)) {
                String preferred = p.members().contains(p.replicas().get(0)) ? p.replicas().get(0) : null;
                LOG.info("catalog reconcile: re-creating missing replica group={}", key);
                host.createGroupOn(host.self(), key, new Membership(cluster.peersOf(p.members()), List.of(), preferred));
            }
        });
    }

    @Override
    public TableDescriptor createTable(TableSpec spec) {
        validate(spec);
        List<List<String>> placements = place(spec.name(), spec.fragmentCount(), spec.replicas());
        byte[] reply = host.call(GroupKey.META, CatalogStore.write(new MetaCommand.CreateTable(spec, placements)));
        TableDescriptor table = CatalogStore.read(reply, TableDescriptor.class);
        createFragmentGroups(table.name(), table.fragments(), placements);
        LOG.info("catalog table created table={} id={} fragments={} replicas={}", table.name(), table.id(),
                table.fragments().size(), placements.get(0).size());
        return table;
    }

    /** Chooses the replicas of each new fragment among live, active nodes; 22023 when too few. */
    private List<List<String>> place(String name, int fragmentCount, int replicas) {
        List<String> eligible = cluster.eligibleNodeIds();
        if (eligible.isEmpty()) {
            eligible = List.of(cluster.selfId());
        }
        int factor = switch (replicas) {
            case TableSpec.REPLICAS_ALL -> eligible.size();
            case TableSpec.REPLICAS_DEFAULT -> Math.min(TableSpec.REPLICAS_DEFAULT_COUNT, eligible.size());
            default -> replicas;
        };
        if (factor > eligible.size()) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "table \"%s\" asks for %d replicas, but the cluster has %d live nodes", name, factor, eligible.size())
                    .withHint("Replicas of one fragment never share a node: add nodes or ask for fewer replicas.");
        }
        return PlacementPolicy.placeNew(fragmentCount, factor, eligible, view.get().placements());
    }

    /** Creates every replica of every fragment, on all nodes at once; a replica that fails is left to the driver. */
    private void createFragmentGroups(String owner, List<FragmentDescriptor> fragments, List<List<String>> placements) {
        List<CompletableFuture<Void>> creates = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < fragments.size(); i++) {
                GroupKey key = GroupKey.fragment(fragments.get(i).id());
                List<String> replicas = placements.get(i);
                Membership membership = new Membership(cluster.peersOf(replicas), List.of(), replicas.get(0));
                for (Peer peer : membership.voters()) {
                    creates.add(CompletableFuture.runAsync(() -> host.createGroupOn(peer, key, membership), executor));
                }
            }
            int failed = 0;
            SqlException first = null;
            for (CompletableFuture<Void> c : creates) {
                try {
                    c.join();
                } catch (CompletionException e) {
                    failed++;
                    first = first != null ? first : e.getCause() instanceof SqlException s ? s
                            : new SqlException(SqlState.CONNECTION_FAILURE, String.valueOf(e.getCause()), e.getCause());
                }
            }
            if (failed > 0) {
                LOG.warn("{}: {} of {} replicas not created yet: {}", owner, failed, creates.size(),
                        first.getMessage());
            }
        }
    }

    private static void validate(TableSpec spec) {
        checkName(spec.name());
        if (spec.columns().isEmpty() || spec.columns().size() > COLUMNS_MAX) {
            throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "a table needs 1 to %d columns", COLUMNS_MAX);
        }
        Set<String> names = new HashSet<>();
        for (ColumnDescriptor c : spec.columns()) {
            checkName(c.name());
            if (!names.add(c.name())) {
                throw SqlException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once", c.name());
            }
        }
        if (spec.primaryKey().isEmpty()) {
            throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "table \"%s\" needs a primary key", spec.name());
        }
        for (int index : spec.primaryKey()) {
            if (index < 0 || index >= spec.columns().size()) {
                throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "primary key column %d out of range", index);
            }
        }
        if (spec.fragmentCount() > FragmentSpans.FRAGMENTS_MAX) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "at most %d fragments per table", FragmentSpans.FRAGMENTS_MAX);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NAME_BYTES_MAX) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "names must have 1 to %d bytes: %s", NAME_BYTES_MAX, name);
        }
    }

    /** Removes the dropped table's replicas wherever they are; unreachable nodes drop theirs at restart. */
    private void removeFragmentGroups(String owner, List<FragmentDescriptor> fragments, CatalogState before) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> removals = new ArrayList<>();
            for (FragmentDescriptor f : fragments) {
                GroupKey key = GroupKey.fragment(f.id());
                Placement p = before.placements().get(f.id());
                List<Peer> holders = p == null ? List.of(host.self()) : cluster.peersOf(p.everyone());
                for (Peer peer : holders) {
                    removals.add(CompletableFuture.runAsync(() -> host.removeGroupOn(peer, key), executor));
                }
            }
            for (CompletableFuture<Void> r : removals) {
                try {
                    r.join();
                } catch (CompletionException e) {
                    LOG.info("{}: a replica could not be removed now: {}", owner, e.getCause().getMessage());
                }
            }
        }
    }

    @Override
    public void dropTable(String name) {
        CatalogState before = view.get();
        byte[] reply = host.call(GroupKey.META, CatalogStore.write(new MetaCommand.DropTable(name)));
        TableDescriptor table = CatalogStore.read(reply, TableDescriptor.class);
        removeFragmentGroups("table " + table.name(), table.allFragments(), before);
        LOG.info("catalog table dropped table={} id={}", table.name(), table.id());
    }

    @Override
    public TableDescriptor createIndex(IndexSpec spec) {
        checkName(spec.name());
        if (spec.columns().isEmpty() || spec.columns().size() > IndexDescriptor.COLUMNS_MAX) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "an index has 1 to %d columns",
                    IndexDescriptor.COLUMNS_MAX);
        }
        TableDescriptor table = table(spec.tableId()).orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE,
                "table with id %d does not exist", spec.tableId()));
        List<List<String>> placements = place(table.name(), table.fragments().size(), table.replicas());
        byte[] reply = host.call(GroupKey.META, CatalogStore.write(new MetaCommand.CreateIndex(spec, placements)));
        TableDescriptor next = CatalogStore.read(reply, TableDescriptor.class);
        IndexDescriptor index = next.index(spec.name());
        createFragmentGroups("index " + index.name(), index.fragments(), placements);
        LOG.info("catalog index created index={} id={} table={} fragments={}", index.name(), index.id(), next.name(),
                index.fragments().size());
        return next;
    }

    @Override
    public TableDescriptor setIndexState(long indexId, IndexDescriptor.State state) {
        byte[] reply = host.call(GroupKey.META, CatalogStore.write(new MetaCommand.SetIndexState(indexId, state)));
        LOG.info("catalog index state index={} state={}", indexId, state);
        return CatalogStore.read(reply, TableDescriptor.class);
    }

    @Override
    public TableDescriptor setStatistics(long tableId, TableStatistics statistics) {
        byte[] reply = host.call(GroupKey.META, CatalogStore.write(new MetaCommand.SetStatistics(tableId, statistics)));
        TableDescriptor next = CatalogStore.read(reply, TableDescriptor.class);
        LOG.info("catalog statistics table={} rows={}", next.name(), statistics.rowCount());
        return next;
    }

    @Override
    public void dropIndex(String name) {
        CatalogState before = view.get();
        byte[] reply = host.call(GroupKey.META, CatalogStore.write(new MetaCommand.DropIndex(name)));
        IndexDescriptor index = CatalogStore.read(reply, TableDescriptor.class).index(name);
        removeFragmentGroups("index " + name, index.fragments(), before);
        LOG.info("catalog index dropped index={} id={}", name, index.id());
    }

    @Override
    public TableDescriptor alterTable(long tableId, TableSpec definition) {
        validate(definition);
        Set<Integer> ids = new HashSet<>();
        for (ColumnDescriptor c : definition.columns()) {
            if (c.id() < 1 || !ids.add(c.id())) {
                throw new IllegalArgumentException("column ids must be positive and distinct: " + definition.columns());
            }
        }
        byte[] reply = host.call(GroupKey.META, CatalogStore.write(new MetaCommand.AlterTable(tableId, definition)));
        TableDescriptor table = CatalogStore.read(reply, TableDescriptor.class);
        LOG.info("catalog table altered table={} id={}", table.name(), table.id());
        return table;
    }

    @Override
    public Optional<TableDescriptor> table(String name) {
        TableDescriptor table = view.get().tables().get(name);
        if (table == null) {
            catchUp();
            table = view.get().tables().get(name);
        }
        return Optional.ofNullable(table);
    }

    /**
     * Waits (briefly) until this replica has applied every catalog change the metadata leader
     * has, so that a table created through another node a moment ago is found here. When this
     * replica cannot catch up (the node is rejoining the metadata group after being down), an
     * answer from it would be wrong: 57P03, the client may retry or use another node. Once it has
     * caught up, a leader out of reach leaves the local view as the answer.
     */
    private void catchUp() {
        if (!host.hasGroup(GroupKey.META)) {
            // A node rejoining the metadata group gets a fresh replica: until it exists, "no such
            // table" would be a guess.
            throw behind("it holds no replica of the metadata group yet");
        }
        if (host.status(GroupKey.META).leader()) {
            view.confirmed = true;
            return;
        }
        long leaderVersion;
        try {
            leaderVersion = CatalogStore.read(host.query(GroupKey.META, new byte[0])
                    .get(CATCH_UP_MILLIS, TimeUnit.MILLISECONDS), Long.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("catalog catch-up with the metadata leader failed: {}", e.getMessage());
            if (!view.confirmed) {
                throw behind("it has not caught up with the metadata leader since it started");
            }
            return; // caught up before: the local view is the best answer while the leader is away
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_MILLIS);
        while (view.get().version() < leaderVersion && System.nanoTime() < deadline) {
            RaftCluster.sleep(5);
        }
        if (view.get().version() >= leaderVersion) {
            view.confirmed = true;
        } else {
            throw SqlException.of(SqlState.CANNOT_CONNECT_NOW,
                    "the catalog of node %s is behind the cluster's (version %d of %d): it is catching up",
                    cluster.selfId(), view.get().version(), leaderVersion)
                    .withHint("Retry in a moment, or connect to another node.");
        }
    }

    private SqlException behind(String why) {
        return SqlException.of(SqlState.CANNOT_CONNECT_NOW, "node %s cannot tell whether the table exists: %s",
                cluster.selfId(), why).withHint("Retry in a moment, or connect to another node.");
    }

    @Override
    public Optional<TableDescriptor> table(long id) {
        return Optional.ofNullable(view.get().tableById(id));
    }

    @Override
    public List<TableDescriptor> tables() {
        return List.copyOf(view.get().tables().values());
    }

    @Override
    public void createSequence(String name) {
        checkName(name);
        host.call(GroupKey.META, CatalogStore.write(new MetaCommand.CreateSequence(name)));
    }

    @Override
    public void dropSequence(String name) {
        host.call(GroupKey.META, CatalogStore.write(new MetaCommand.DropSequence(name)));
        synchronized (blocks) {
            blocks.remove(name);
        }
    }

    @Override
    public long nextval(String sequence) {
        synchronized (blocks) {
            Block block = blocks.get(sequence);
            if (block == null || block.next() >= block.end() || !view.get().sequences().containsKey(sequence)) {
                byte[] reply = host.call(GroupKey.META,
                        CatalogStore.write(new MetaCommand.AllocateSequence(sequence, SEQUENCE_BLOCK)));
                long first = ByteBuffer.wrap(reply).getLong();
                block = new Block(first, first + SEQUENCE_BLOCK);
            }
            blocks.put(sequence, new Block(block.next() + 1, block.end()));
            return block.next();
        }
    }

    @Override
    public List<String> sequences() {
        return List.copyOf(view.get().sequences().keySet());
    }

    @Override
    public ViewDescriptor createView(ViewDescriptor view, boolean orReplace) {
        checkName(view.name());
        if (view.columns().isEmpty() || view.columns().size() > COLUMNS_MAX) {
            throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "a view needs 1 to %d columns", COLUMNS_MAX);
        }
        byte[] reply = host.call(GroupKey.META, CatalogStore.write(new MetaCommand.CreateView(view, orReplace)));
        ViewDescriptor stored = CatalogStore.read(reply, ViewDescriptor.class);
        LOG.info("catalog view created view={} id={}", stored.name(), stored.id());
        return stored;
    }

    @Override
    public void dropView(String name) {
        host.call(GroupKey.META, CatalogStore.write(new MetaCommand.DropView(name)));
        LOG.info("catalog view dropped view={}", name);
    }

    @Override
    public Optional<ViewDescriptor> view(String name) {
        return Optional.ofNullable(view.get().views().get(name));
    }

    @Override
    public List<ViewDescriptor> views() {
        return List.copyOf(view.get().views().values());
    }

    @Override
    public int defaultFragments() {
        return Math.max(1, Math.min(cluster.eligibleNodeIds().size(), FragmentSpans.FRAGMENTS_MAX));
    }

    @Override
    public long version() {
        return view.get().version();
    }
}
