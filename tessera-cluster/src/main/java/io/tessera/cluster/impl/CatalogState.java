package io.tessera.cluster.impl;

import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.ViewDescriptor;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable copy of the catalog as applied on this node; every change makes a new one (the
 * catalog is small, and readers on other threads then never see a half-applied change).
 *
 * @param sequences sequence name → the next value not yet handed to any node
 * @param version bumped by every schema change (tables and sequences created or dropped); block
 *     allocations of sequences do not bump it, as they do not change any plan
 */
record CatalogState(Map<String, TableDescriptor> tables, Map<String, Long> sequences, Map<String, ViewDescriptor> views,
        long nextTableId, long nextFragmentId, long version) {

    static final CatalogState EMPTY = new CatalogState(Map.of(), Map.of(), Map.of(), 1, 1, 0);

    CatalogState {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        sequences = Collections.unmodifiableMap(new TreeMap<>(sequences));
        views = Collections.unmodifiableMap(new TreeMap<>(views));
    }

    /** Whether a table, sequence or view has this name (they share PostgreSQL's relation namespace). */
    boolean relationExists(String name) {
        return tables.containsKey(name) || sequences.containsKey(name) || views.containsKey(name);
    }

    /** Stores the view; a new view takes the next table id, a replaced one keeps its id. */
    CatalogState withView(ViewDescriptor view, boolean isNew) {
        Map<String, ViewDescriptor> next = new TreeMap<>(views);
        next.put(view.name(), view);
        return new CatalogState(tables, sequences, next, isNew ? nextTableId + 1 : nextTableId, nextFragmentId, version + 1);
    }

    CatalogState withoutView(String name) {
        Map<String, ViewDescriptor> next = new TreeMap<>(views);
        next.remove(name);
        return new CatalogState(tables, sequences, next, nextTableId, nextFragmentId, version + 1);
    }

    TableDescriptor tableById(long id) {
        for (TableDescriptor t : tables.values()) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }

    CatalogState withTable(TableDescriptor table, long fragmentsUsed) {
        Map<String, TableDescriptor> next = new TreeMap<>(tables);
        next.put(table.name(), table);
        return new CatalogState(next, sequences, views, nextTableId + 1, nextFragmentId + fragmentsUsed, version + 1);
    }

    /** ALTER TABLE: the table under {@code oldName} replaced by {@code table} (maybe renamed); ids and counters stay. */
    CatalogState withAlteredTable(String oldName, TableDescriptor table) {
        Map<String, TableDescriptor> next = new TreeMap<>(tables);
        next.remove(oldName);
        next.put(table.name(), table);
        return new CatalogState(next, sequences, views, nextTableId, nextFragmentId, version + 1);
    }

    CatalogState withoutTable(String name) {
        Map<String, TableDescriptor> next = new TreeMap<>(tables);
        next.remove(name);
        return new CatalogState(next, sequences, views, nextTableId, nextFragmentId, version + 1);
    }

    CatalogState withSequence(String name, long nextValue, boolean schemaChange) {
        Map<String, Long> next = new TreeMap<>(sequences);
        next.put(name, nextValue);
        return new CatalogState(tables, next, views, nextTableId, nextFragmentId, schemaChange ? version + 1 : version);
    }

    CatalogState withoutSequence(String name) {
        Map<String, Long> next = new TreeMap<>(sequences);
        next.remove(name);
        return new CatalogState(tables, next, views, nextTableId, nextFragmentId, version + 1);
    }
}
