package io.tessera.cluster.impl;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.FragmentSpans;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
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
 * table's command commits and removed after a drop commits; {@link #reconcile()} at open repairs a
 * crash in between. Every fragment is placed on this node for now (single-node placement).
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

        CatalogState get() { return state.get(); }

        void set(CatalogState s) { state.set(s); }
    }

    /** A block of sequence values this node may hand out without asking the group. */
    private record Block(long next, long end) {}

    private final RaftHost host;
    private final View view;
    private final Map<String, Block> blocks = new HashMap<>();

    private RaftCatalog(RaftHost host, View view) {
        this.host = host;
        this.view = view;
    }

    public static StateMachineFactory stateMachineFactory(View view) {
        return new StateMachineFactory() {
            @Override
            public ReplicatedStateMachine open(GroupKey key, StorageEngine storage) {
                return new MetadataStateMachine(CatalogStore.load(storage), view::set);
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

    public static RaftCatalog open(RaftHost host, View view) {
        host.createGroup(GroupKey.META, List.of(host.self()));
        RaftCatalog catalog = new RaftCatalog(host, view);
        catalog.reconcile();
        return catalog;
    }

    /** Makes this node's fragment groups match the catalog. */
    void reconcile() {
        Set<GroupKey> wanted = new HashSet<>();
        for (TableDescriptor table : view.get().tables().values()) {
            for (FragmentDescriptor f : table.fragments()) {
                wanted.add(GroupKey.fragment(f.id()));
            }
        }
        List<GroupKey> stale = host.groups().stream()
                .filter(key -> key.kind() == GroupKey.Kind.FRAGMENT && !wanted.contains(key)).toList();
        if (!stale.isEmpty()) {
            LOG.info("catalog reconcile: removing groups of dropped tables groups={}", stale);
            host.removeGroups(stale);
        }
        // Existing groups are left alone (but awaited for a leader); missing ones are created.
        host.createGroups(wanted, List.of(host.self()));
    }

    @Override
    public TableDescriptor createTable(TableSpec spec) {
        validate(spec);
        byte[] reply = host.call(GroupKey.META, CatalogStore.write(new MetaCommand.CreateTable(spec)));
        TableDescriptor table = CatalogStore.read(reply, TableDescriptor.class);
        host.createGroups(fragmentGroups(table), List.of(host.self()));
        LOG.info("catalog table created table={} id={} fragments={}", table.name(), table.id(), table.fragments().size());
        return table;
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

    private static List<GroupKey> fragmentGroups(TableDescriptor table) {
        return table.fragments().stream().map(f -> GroupKey.fragment(f.id())).toList();
    }

    @Override
    public void dropTable(String name) {
        byte[] reply = host.call(GroupKey.META, CatalogStore.write(new MetaCommand.DropTable(name)));
        TableDescriptor table = CatalogStore.read(reply, TableDescriptor.class);
        host.removeGroups(fragmentGroups(table));
        LOG.info("catalog table dropped table={} id={}", table.name(), table.id());
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
        return Optional.ofNullable(view.get().tables().get(name));
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
    public long version() {
        return view.get().version();
    }
}
