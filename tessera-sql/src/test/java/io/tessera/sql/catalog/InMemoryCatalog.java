package io.tessera.sql.catalog;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.cluster.api.ViewDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A catalog held in memory, for tests of the system tables: tables and sequences, no Raft. */
final class InMemoryCatalog implements Catalog {
    private final Map<String, TableDescriptor> tables = new LinkedHashMap<>();
    private final Map<String, Long> sequences = new LinkedHashMap<>();
    private long nextTableId = 1;
    private long version;
    private final Map<String, ViewDescriptor> views = new TreeMap<>();

    @Override
    public TableDescriptor createTable(TableSpec spec) {
        if (tables.containsKey(spec.name()) || views.containsKey(spec.name())) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + spec.name() + "\" already exists");
        }
        long id = nextTableId++;
        TableDescriptor table = new TableDescriptor(id, spec.name(), spec.columns(), spec.primaryKey(),
                List.of(new FragmentDescriptor(id * 100, id, new byte[0], null)), spec.checks());
        tables.put(spec.name(), table);
        version++;
        return table;
    }

    @Override
    public void dropTable(String name) {
        for (ViewDescriptor v : views.values()) {
            if (v.dependsOn().contains(name)) {
                throw new SqlException("2BP01", "cannot drop table " + name + " because other objects depend on it");
            }
        }
        if (tables.remove(name) == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "table \"" + name + "\" does not exist");
        }
        version++;
    }

    @Override
    public TableDescriptor alterTable(long tableId, TableSpec definition) {
        TableDescriptor old = table(tableId).orElseThrow(() -> new SqlException(SqlState.UNDEFINED_TABLE, "no table " + tableId));
        TableDescriptor t = new TableDescriptor(old.id(), definition.name(), definition.columns(), definition.primaryKey(),
                old.fragments());
        tables.remove(old.name());
        tables.put(t.name(), t);
        version++;
        return t;
    }

    @Override
    public Optional<TableDescriptor> table(String name) { return Optional.ofNullable(tables.get(name)); }

    @Override
    public Optional<TableDescriptor> table(long id) {
        return tables.values().stream().filter(t -> t.id() == id).findFirst();
    }

    @Override
    public List<TableDescriptor> tables() { return List.copyOf(tables.values()); }

    @Override
    public void createSequence(String name) {
        if (sequences.putIfAbsent(name, 0L) != null) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        version++;
    }

    @Override
    public void dropSequence(String name) {
        sequences.remove(name);
        version++;
    }

    @Override
    public long nextval(String sequence) {
        Long current = sequences.get(sequence);
        if (current == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + sequence + "\" does not exist");
        }
        sequences.put(sequence, current + 1);
        return current + 1;
    }

    @Override
    public List<String> sequences() { return new ArrayList<>(sequences.keySet()); }

    @Override
    public long version() { return version; }

    /** Adds a table the way CREATE TABLE would, with a hidden row id when no key is declared. */
    /** Adds a public secondary index on columns (by id) of a table; returns the table's new descriptor. */
    TableDescriptor addIndex(String table, String name, List<Integer> columns, List<Integer> include, boolean unique) {
        return addIndex(table, name, columns, include, unique, List.of());
    }

    /** ... with expression key parts (0 in {@code columns}). */
    TableDescriptor addIndex(String table, String name, List<Integer> columns, List<Integer> include, boolean unique,
            List<io.tessera.cluster.api.IndexExpression> expressions) {
        TableDescriptor t = tables.get(table);
        var index = new io.tessera.cluster.api.IndexDescriptor(nextTableId++, name, t.id(), columns, include, unique,
                io.tessera.cluster.api.IndexDescriptor.State.PUBLIC, List.of(), expressions);
        List<io.tessera.cluster.api.IndexDescriptor> indexes = new java.util.ArrayList<>(t.indexes());
        indexes.add(index);
        TableDescriptor next = t.withIndexes(indexes);
        tables.put(table, next);
        version++;
        return next;
    }

    TableDescriptor create(String name, List<ColumnDescriptor> columns, List<Integer> primaryKey) {
        return createTable(new TableSpec(name, columns, primaryKey, 1));
    }

    @Override
    public ViewDescriptor createView(ViewDescriptor view, boolean orReplace) {
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
    public void dropView(String name) {
        if (views.remove(name) == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "view \"" + name + "\" does not exist");
        }
        version++;
    }

    @Override public Optional<ViewDescriptor> view(String name) { return Optional.ofNullable(views.get(name)); }

    @Override public List<ViewDescriptor> views() { return List.copyOf(views.values()); }
}
