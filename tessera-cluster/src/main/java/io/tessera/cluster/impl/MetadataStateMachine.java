package io.tessera.cluster.impl;

import io.tessera.cluster.api.NodeDescriptor;
import io.tessera.cluster.api.Placement;
import java.util.HashMap;
import java.util.Map;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.FragmentSpans;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.IndexSpec;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableStatistics;
import io.tessera.cluster.api.TableSpec;
import io.tessera.cluster.api.ViewDescriptor;
import io.tessera.common.encoding.ByteWriter;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.replication.api.ApplyResult;
import io.tessera.replication.api.ReplicatedStateMachine;
import io.tessera.storage.api.StorageBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The metadata group's state machine: applies {@link MetaCommand}s to the catalog, deterministically
 * (ids come from counters in the catalog itself), writes the changed objects into the batch and,
 * once written, publishes the new {@link CatalogState} to the node's readers.
 */
final class MetadataStateMachine implements ReplicatedStateMachine {
    private volatile CatalogState state;
    /** Only apply reads and writes it (one thread per group); kept apart from the catalog readers' state. */
    private TimestampLease timestamps;
    private final Consumer<CatalogState> publish;

    MetadataStateMachine(CatalogState initial, TimestampLease timestamps, Consumer<CatalogState> publish) {
        this.state = initial;
        this.timestamps = timestamps;
        this.publish = publish;
        publish.accept(initial);
    }

    @Override
    public ApplyResult apply(long index, byte[] command, StorageBatch batch) {
        MetaCommand cmd = CatalogStore.read(command, MetaCommand.class);
        return switch (cmd) {
            case MetaCommand.CreateTable c -> createTable(c.spec(), c.placements(), batch);
            case MetaCommand.DropTable d -> dropTable(d.name(), batch);
            case MetaCommand.AlterTable a -> alterTable(a.tableId(), a.definition(), batch);
            case MetaCommand.CreateSequence c -> createSequence(c.name(), batch);
            case MetaCommand.DropSequence d -> dropSequence(d.name(), batch);
            case MetaCommand.AllocateSequence a -> allocate(a.name(), a.count(), batch);
            case MetaCommand.CreateView c -> createView(c.view(), c.orReplace(), batch);
            case MetaCommand.DropView d -> dropView(d.name(), batch);
            case MetaCommand.RegisterNode r -> registerNode(r, batch);
            case MetaCommand.Heartbeat h -> heartbeat(h.nodeId(), h.millis(), batch);
            case MetaCommand.SetAdminState a -> setAdminState(a.nodeId(), a.state(), batch);
            case MetaCommand.SetPlacement p -> setPlacement(p, batch);
            case MetaCommand.CreateIndex c -> createIndex(c.spec(), c.placements(), batch);
            case MetaCommand.SetIndexState s -> setIndexState(s.indexId(), s.state(), batch);
            case MetaCommand.DropIndex d -> dropIndex(d.name(), batch);
            case MetaCommand.SetStatistics s -> setStatistics(s.tableId(), s.statistics(), batch);
            case MetaCommand.ClaimTimestamps c -> claimTimestamps(c, batch);
            case MetaCommand.RenewTimestamps r -> storeTimestamps(timestamps.renew(r.epoch(), r.limit()), batch);
            case MetaCommand.ReleaseTimestamps r -> storeTimestamps(timestamps.release(r.epoch()), batch);
        };
    }

    private ApplyResult createTable(TableSpec spec, List<List<String>> placements, StorageBatch batch) {
        if (state.relationExists(spec.name())) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", spec.name());
        }
        long tableId = state.nextTableId();
        List<ColumnDescriptor> columns = new ArrayList<>();
        for (int i = 0; i < spec.columns().size(); i++) {
            ColumnDescriptor c = spec.columns().get(i);
            columns.add(new ColumnDescriptor(i + 1, c.name(), c.type(), c.notNull(), c.defaultExpression(), c.hidden()));
        }
        List<FragmentDescriptor> fragments = new ArrayList<>();
        List<byte[][]> spans = FragmentSpans.hashSpans(spec.fragmentCount());
        for (int i = 0; i < spans.size(); i++) {
            fragments.add(new FragmentDescriptor(state.nextFragmentId() + i, tableId, spans.get(i)[0], spans.get(i)[1]));
        }
        TableDescriptor table = new TableDescriptor(tableId, spec.name(), columns, spec.primaryKey(), fragments,
                spec.checks(), spec.replicas());
        Map<Long, Placement> tablePlacements = new HashMap<>();
        if (placements != null) {
            if (placements.size() != fragments.size()) {
                throw new IllegalStateException("CREATE TABLE " + spec.name() + " placed " + placements.size()
                        + " of " + fragments.size() + " fragments");
            }
            for (int i = 0; i < fragments.size(); i++) {
                Placement p = Placement.of(placements.get(i));
                tablePlacements.put(fragments.get(i).id(), p);
                CatalogStore.putPlacement(batch, fragments.get(i).id(), p);
            }
        }
        CatalogState next = state.withTable(table, fragments.size(), tablePlacements);
        CatalogStore.putTable(batch, table);
        CatalogStore.putCounters(batch, next);
        return commit(next, CatalogStore.write(table));
    }

    private ApplyResult dropTable(String name, StorageBatch batch) {
        TableDescriptor table = state.tables().get(name);
        if (table == null) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "table \"%s\" does not exist", name);
        }
        for (ViewDescriptor v : state.views().values()) {
            if (v.dependsOn().contains(name)) {
                throw SqlException.of("2BP01",
                        "cannot drop table %s because other objects depend on it", name)
                        .withDetail("view " + v.name() + " depends on table " + name)
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
        }
        CatalogState next = state.withoutTable(name);
        CatalogStore.deleteTable(batch, table.id());
        table.allFragments().forEach(f -> CatalogStore.deletePlacement(batch, f.id()));
        CatalogStore.putCounters(batch, next);
        return commit(next, CatalogStore.write(table));
    }

    private ApplyResult createView(ViewDescriptor view, boolean orReplace, StorageBatch batch) {
        ViewDescriptor old = state.views().get(view.name());
        if (old == null ? state.relationExists(view.name()) : !orReplace) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", view.name());
        }
        ViewDescriptor stored = view.withId(old == null ? state.nextTableId() : old.id());
        CatalogState next = state.withView(stored, old == null);
        CatalogStore.putView(batch, stored);
        CatalogStore.putCounters(batch, next);
        return commit(next, CatalogStore.write(stored));
    }

    private ApplyResult dropView(String name, StorageBatch batch) {
        if (!state.views().containsKey(name)) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "view \"%s\" does not exist", name);
        }
        CatalogState next = state.withoutView(name);
        CatalogStore.deleteView(batch, name);
        CatalogStore.putCounters(batch, next);
        return commit(next, new byte[0]);
    }

    private ApplyResult alterTable(long tableId, TableSpec definition, StorageBatch batch) {
        TableDescriptor old = state.tableById(tableId);
        if (old == null) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "table with id %d does not exist", tableId);
        }
        String name = definition.name();
        if (!name.equals(old.name()) && state.relationExists(name)) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name);
        }
        if (definition.fragmentCount() != old.fragments().size()) {
            throw new IllegalStateException("ALTER TABLE cannot change the fragments of table " + old.name());
        }
        checkIndexesSurvive(old, definition);
        // ALTER TABLE neither adds nor drops CHECK constraints yet (refused with 0A000): keep the old ones.
        TableDescriptor table = new TableDescriptor(old.id(), name, definition.columns(), definition.primaryKey(),
                old.fragments(), old.checks(), old.replicas(), old.indexes(), old.statistics());
        CatalogState next = state.withAlteredTable(old.name(), table);
        CatalogStore.putTable(batch, table);
        CatalogStore.putCounters(batch, next);
        return commit(next, CatalogStore.write(table));
    }

    /**
     * Index entries hold the indexed values and the primary key in their encodings: an ALTER that
     * drops or retypes an indexed column, or changes the primary key, would leave them unreadable.
     */
    private static void checkIndexesSurvive(TableDescriptor old, TableSpec definition) {
        if (old.indexes().isEmpty()) {
            return;
        }
        List<Integer> oldKey = old.primaryKey().stream().map(i -> old.columns().get(i).id()).toList();
        List<Integer> newKey = definition.primaryKey().stream().map(i -> definition.columns().get(i).id()).toList();
        if (!oldKey.equals(newKey)) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot change the primary key of table \"%s\" while it has indexes", old.name())
                    .withHint("Drop its indexes first, and create them again afterwards.");
        }
        for (IndexDescriptor index : old.indexes()) {
            for (int columnId : index.keyColumnIds()) {
                ColumnDescriptor before = old.columns().get(old.columnPosition(columnId));
                ColumnDescriptor after = definition.columns().stream().filter(c -> c.id() == columnId).findFirst()
                        .orElse(null);
                if (after == null || !after.type().equals(before.type())) {
                    throw SqlException.of("2BP01", "cannot drop or change column %s of table %s because index %s uses it",
                            before.name(), old.name(), index.name())
                            .withHint("Drop the index first (DROP INDEX " + index.name() + ").");
                }
            }
        }
    }

    private ApplyResult createIndex(IndexSpec spec, List<List<String>> placements, StorageBatch batch) {
        if (state.relationExists(spec.name())) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", spec.name());
        }
        TableDescriptor table = state.tableById(spec.tableId());
        if (table == null) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "table with id %d does not exist", spec.tableId());
        }
        long indexId = state.nextTableId();
        List<FragmentDescriptor> fragments = new ArrayList<>();
        List<byte[][]> spans = FragmentSpans.hashSpans(table.fragments().size());
        for (int i = 0; i < spans.size(); i++) {
            fragments.add(new FragmentDescriptor(state.nextFragmentId() + i, indexId, spans.get(i)[0], spans.get(i)[1]));
        }
        if (placements == null || placements.size() != fragments.size()) {
            throw new IllegalStateException("CREATE INDEX " + spec.name() + " placed "
                    + (placements == null ? 0 : placements.size()) + " of " + fragments.size() + " fragments");
        }
        IndexDescriptor index = new IndexDescriptor(indexId, spec.name(), table.id(), spec.columns(), spec.include(),
                spec.unique(), IndexDescriptor.State.WRITE_ONLY, fragments, spec.expressions());
        List<IndexDescriptor> indexes = new ArrayList<>(table.indexes());
        indexes.add(index);
        TableDescriptor next = table.withIndexes(indexes);
        Map<Long, Placement> indexPlacements = new HashMap<>();
        for (int i = 0; i < fragments.size(); i++) {
            Placement p = Placement.of(placements.get(i));
            indexPlacements.put(fragments.get(i).id(), p);
            CatalogStore.putPlacement(batch, fragments.get(i).id(), p);
        }
        CatalogState nextState = state.withTable(next, fragments.size(), indexPlacements);
        CatalogStore.putTable(batch, next);
        CatalogStore.putCounters(batch, nextState);
        return commit(nextState, CatalogStore.write(next));
    }

    private ApplyResult setIndexState(long indexId, IndexDescriptor.State indexState, StorageBatch batch) {
        TableDescriptor table = state.tableOfIndex(indexId);
        if (table == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "index with id %d does not exist", indexId);
        }
        List<IndexDescriptor> indexes = table.indexes().stream()
                .map(i -> i.id() == indexId ? i.withState(indexState) : i).toList();
        TableDescriptor next = table.withIndexes(indexes);
        CatalogState nextState = state.withAlteredTable(table.name(), next);
        CatalogStore.putTable(batch, next);
        CatalogStore.putCounters(batch, nextState);
        return commit(nextState, CatalogStore.write(next));
    }

    /** ANALYZE's result; bumps the version, so that prepared statements are planned again with it. */
    private ApplyResult setStatistics(long tableId, TableStatistics statistics, StorageBatch batch) {
        TableDescriptor table = state.tableById(tableId);
        if (table == null) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "table with id %d does not exist", tableId);
        }
        TableDescriptor next = table.withStatistics(statistics);
        CatalogState nextState = state.withAlteredTable(table.name(), next);
        CatalogStore.putTable(batch, next);
        CatalogStore.putCounters(batch, nextState);
        return commit(nextState, CatalogStore.write(next));
    }

    private ApplyResult dropIndex(String name, StorageBatch batch) {
        TableDescriptor table = state.tableOfIndex(name);
        if (table == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "index \"%s\" does not exist", name);
        }
        IndexDescriptor dropped = table.index(name);
        TableDescriptor next = table.withIndexes(table.indexes().stream().filter(i -> i != dropped).toList());
        CatalogState nextState = state.withoutIndex(next, dropped);
        dropped.fragments().forEach(f -> CatalogStore.deletePlacement(batch, f.id()));
        CatalogStore.putTable(batch, next);
        CatalogStore.putCounters(batch, nextState);
        return commit(nextState, CatalogStore.write(table));
    }

    private ApplyResult createSequence(String name, StorageBatch batch) {
        if (state.relationExists(name)) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name);
        }
        CatalogState next = state.withSequence(name, 1, true);
        CatalogStore.putSequence(batch, name, 1);
        CatalogStore.putCounters(batch, next);
        return commit(next, new byte[0]);
    }

    private ApplyResult dropSequence(String name, StorageBatch batch) {
        if (!state.sequences().containsKey(name)) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "sequence \"%s\" does not exist", name);
        }
        CatalogState next = state.withoutSequence(name);
        CatalogStore.deleteSequence(batch, name);
        CatalogStore.putCounters(batch, next);
        return commit(next, new byte[0]);
    }

    private ApplyResult allocate(String name, int count, StorageBatch batch) {
        Long first = state.sequences().get(name);
        if (first == null) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name);
        }
        if (count < 1 || first > Long.MAX_VALUE - count) {
            throw SqlException.of("2200H", "nextval: reached maximum value of sequence \"%s\"", name);
        }
        CatalogState next = state.withSequence(name, first + count, false);
        CatalogStore.putSequence(batch, name, first + count);
        return commit(next, new ByteWriter(8).putLong(first).toByteArray());
    }

    private ApplyResult registerNode(MetaCommand.RegisterNode r, StorageBatch batch) {
        NodeDescriptor node = r.node();
        NodeDescriptor old = state.nodes().get(node.id());
        if (old != null && !old.rpcAddress().equals(node.rpcAddress())
                && r.nowMillis() - old.lastHeartbeatMillis() <= r.suspectAfterMillis()) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT,
                    "node id %s is already in the cluster at %s, which is alive", node.id(), old.rpcAddress())
                    .withHint("Each node needs its own data directory; do not copy one node's directory to another.");
        }
        for (NodeDescriptor other : state.nodes().values()) {
            if (!other.id().equals(node.id()) && other.rpcAddress().equals(node.rpcAddress())
                    && other.adminState() != NodeDescriptor.AdminState.DECOMMISSIONED
                    && r.nowMillis() - other.lastHeartbeatMillis() <= r.suspectAfterMillis()) {
                throw SqlException.of(SqlState.DUPLICATE_OBJECT,
                        "address %s is already used by live node %s", node.rpcAddress(), other.id());
            }
        }
        NodeDescriptor stored = old == null ? node
                : new NodeDescriptor(node.id(), node.rpcAddress(), node.sqlAddress(), node.httpAddress(), node.labels(),
                        Math.max(old.lastHeartbeatMillis(), node.lastHeartbeatMillis()), old.adminState());
        CatalogStore.putNode(batch, stored);
        return commit(state.withNode(stored), new byte[0]);
    }

    private ApplyResult heartbeat(String nodeId, long millis, StorageBatch batch) {
        NodeDescriptor node = state.nodes().get(nodeId);
        if (node == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "node %s is not registered", nodeId);
        }
        NodeDescriptor next = node.withHeartbeat(millis);
        CatalogStore.putNode(batch, next);
        return commit(state.withNode(next), new byte[0]);
    }

    private ApplyResult setAdminState(String nodeId, NodeDescriptor.AdminState adminState, StorageBatch batch) {
        NodeDescriptor node = state.nodes().get(nodeId);
        if (node == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "node \"%s\" does not exist", nodeId);
        }
        NodeDescriptor next = node.withAdminState(adminState);
        CatalogStore.putNode(batch, next);
        return commit(state.withNode(next), new byte[0]);
    }

    private ApplyResult setPlacement(MetaCommand.SetPlacement p, StorageBatch batch) {
        Placement current = state.placements().get(p.fragmentId());
        if (current == null || !current.equals(p.expected())) {
            throw SqlException.of(SqlState.SERIALIZATION_FAILURE, "placement of fragment %d changed concurrently",
                    p.fragmentId());
        }
        CatalogStore.putPlacement(batch, p.fragmentId(), p.next());
        return commit(state.withPlacement(p.fragmentId(), p.next()), new byte[0]);
    }

    private ApplyResult claimTimestamps(MetaCommand.ClaimTimestamps c, StorageBatch batch) {
        TimestampLease.Grant grant = timestamps.grant(c.nowTimestamp(), c.window());
        TimestampLease next = TimestampLease.claimedBy(c.claimer(), grant);
        CatalogStore.putTimestamps(batch, next);
        return new ApplyResult(CatalogStore.write(grant), () -> timestamps = next);
    }

    private ApplyResult storeTimestamps(TimestampLease next, StorageBatch batch) {
        CatalogStore.putTimestamps(batch, next);
        return new ApplyResult(new byte[0], () -> timestamps = next);
    }

    private ApplyResult commit(CatalogState next, byte[] reply) {
        return new ApplyResult(reply, () -> {
            state = next;
            publish.accept(next);
        });
    }

    @Override
    public byte[] query(byte[] request) {
        return CatalogStore.write(state.version());
    }

    @Override
    public void close() {
        // The state is in storage; nothing to release.
    }
}
