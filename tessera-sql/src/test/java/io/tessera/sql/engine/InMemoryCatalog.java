package io.tessera.sql.engine;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.FragmentSpans;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.IndexSpec;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.cluster.api.ViewDescriptor;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test-only {@link Catalog}. A table of N fragments is split on the first byte after the key's
 * tag byte (for integer keys: negative and non-negative values first), so routing is exercised.
 */
public final class InMemoryCatalog implements Catalog {
    private final InMemoryKvStore kv;
    private final Map<String, TableDescriptor> tables = new TreeMap<>();
    private final Map<String, AtomicLong> sequences = new TreeMap<>();
    private long nextTableId = 1;
    private long nextFragmentId = 100;
    private long version;
    private final Map<String, ViewDescriptor> views = new TreeMap<>();

    public InMemoryCatalog(InMemoryKvStore kv) {
        this.kv = kv;
    }

    @Override
    public synchronized TableDescriptor createTable(TableSpec spec) {
        if (tables.containsKey(spec.name()) || views.containsKey(spec.name())) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + spec.name() + "\" already exists");
        }
        long id = nextTableId++;
        List<FragmentDescriptor> fragments = new ArrayList<>();
        for (byte[][] span : FragmentSpans.hashSpans(spec.fragmentCount())) {
            FragmentDescriptor f = new FragmentDescriptor(nextFragmentId++, id, span[0], span[1]);
            fragments.add(f);
            kv.addFragment(f);
        }
        TableDescriptor t = new TableDescriptor(id, spec.name(), spec.columns(), spec.primaryKey(), fragments, spec.checks());
        tables.put(t.name(), t);
        version++;
        return t;
    }

    @Override
    public synchronized void dropTable(String name) {
        for (ViewDescriptor v : views.values()) {
            if (v.dependsOn().contains(name)) {
                throw new SqlException("2BP01", "cannot drop table " + name + " because other objects depend on it");
            }
        }
        TableDescriptor t = tables.remove(name);
        if (t == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        t.allFragments().forEach(f -> kv.removeFragment(f.id()));
        version++;
    }

    @Override
    public synchronized TableDescriptor createIndex(IndexSpec spec) {
        if (tables.containsKey(spec.name()) || views.containsKey(spec.name())
                || tables.values().stream().anyMatch(t -> t.index(spec.name()) != null)) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + spec.name() + "\" already exists");
        }
        TableDescriptor t = table(spec.tableId()).orElseThrow();
        long id = nextTableId++;
        List<FragmentDescriptor> fragments = new ArrayList<>();
        for (byte[][] span : FragmentSpans.hashSpans(t.fragments().size())) {
            fragments.add(new FragmentDescriptor(nextFragmentId++, id, span[0], span[1]));
        }
        IndexDescriptor index = new IndexDescriptor(id, spec.name(), t.id(), spec.columns(), spec.include(), spec.unique(),
                IndexDescriptor.State.WRITE_ONLY, fragments, spec.expressions());
        List<IndexDescriptor> indexes = new ArrayList<>(t.indexes());
        indexes.add(index);
        TableDescriptor next = t.withIndexes(indexes);
        kv.addIndexFragments(next, index);
        tables.put(next.name(), next);
        version++;
        return next;
    }

    @Override
    public synchronized TableDescriptor setIndexState(long indexId, IndexDescriptor.State state) {
        for (TableDescriptor t : tables.values()) {
            if (t.indexes().stream().anyMatch(i -> i.id() == indexId)) {
                TableDescriptor next = t.withIndexes(t.indexes().stream()
                        .map(i -> i.id() == indexId ? i.withState(state) : i).toList());
                tables.put(next.name(), next);
                version++;
                return next;
            }
        }
        throw new SqlException(SqlState.UNDEFINED_OBJECT, "no index " + indexId);
    }

    @Override
    public synchronized TableDescriptor setStatistics(long tableId, io.tessera.cluster.api.TableStatistics statistics) {
        TableDescriptor old = table(tableId).orElseThrow(() -> new SqlException(SqlState.UNDEFINED_TABLE, "no table " + tableId));
        TableDescriptor next = old.withStatistics(statistics);
        tables.put(next.name(), next);
        version++;
        return next;
    }

    @Override
    public synchronized void dropIndex(String name) {
        for (TableDescriptor t : tables.values()) {
            IndexDescriptor index = t.index(name);
            if (index != null) {
                tables.put(t.name(), t.withIndexes(t.indexes().stream().filter(i -> i != index).toList()));
                index.fragments().forEach(f -> kv.removeFragment(f.id()));
                version++;
                return;
            }
        }
        throw new SqlException(SqlState.UNDEFINED_OBJECT, "index \"" + name + "\" does not exist");
    }

    @Override
    public synchronized TableDescriptor alterTable(long tableId, TableSpec definition) {
        TableDescriptor old = table(tableId).orElseThrow(() -> new SqlException(SqlState.UNDEFINED_TABLE, "no table " + tableId));
        if (!definition.name().equals(old.name()) && tables.containsKey(definition.name())) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + definition.name() + "\" already exists");
        }
        TableDescriptor t = new TableDescriptor(old.id(), definition.name(), definition.columns(), definition.primaryKey(),
                old.fragments(), old.checks(), old.replicas(), old.indexes());
        tables.remove(old.name());
        tables.put(t.name(), t);
        version++;
        return t;
    }

    @Override public synchronized Optional<TableDescriptor> table(String name) { return Optional.ofNullable(tables.get(name)); }

    @Override
    public synchronized Optional<TableDescriptor> table(long id) {
        return tables.values().stream().filter(t -> t.id() == id).findFirst();
    }

    @Override public synchronized List<TableDescriptor> tables() { return List.copyOf(tables.values()); }

    @Override
    public synchronized void createSequence(String name) {
        if (sequences.putIfAbsent(name, new AtomicLong()) != null) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        version++;
    }

    @Override
    public synchronized void dropSequence(String name) {
        sequences.remove(name);
        version++;
    }

    @Override
    public synchronized long nextval(String sequence) {
        AtomicLong s = sequences.get(sequence);
        if (s == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + sequence + "\" does not exist");
        }
        return s.incrementAndGet();
    }

    @Override public synchronized List<String> sequences() { return List.copyOf(sequences.keySet()); }

    @Override public synchronized long version() { return version; }

    @Override
    public synchronized ViewDescriptor createView(ViewDescriptor view, boolean orReplace) {
        ViewDescriptor old = views.get(view.name());
        if (old == null ? tables.containsKey(view.name()) : !orReplace) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + view.name() + "\" already exists");
        }
        ViewDescriptor stored = view.withId(old == null ? nextTableId++ : old.id());
        views.put(stored.name(), stored);
        version++;
        return stored;
    }

    @Override
    public synchronized void dropView(String name) {
        if (views.remove(name) == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "view \"" + name + "\" does not exist");
        }
        version++;
    }

    @Override public synchronized Optional<ViewDescriptor> view(String name) { return Optional.ofNullable(views.get(name)); }

    @Override public synchronized List<ViewDescriptor> views() { return List.copyOf(views.values()); }
}
