package io.tessera.cluster.impl;

import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.NodeDescriptor;
import io.tessera.cluster.api.Placement;
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
 * @param nodes the node registry: node id → descriptor (addresses, labels, last heartbeat)
 * @param placements fragment id → where its replicas live
 * @param version bumped by every schema change (tables and sequences created or dropped); block
 *     allocations of sequences, heartbeats and placement changes do not bump it, as they do not
 *     change any plan
 */
record CatalogState(Map<String, TableDescriptor> tables, Map<String, Long> sequences, Map<String, ViewDescriptor> views,
        Map<String, NodeDescriptor> nodes, Map<Long, Placement> placements, long nextTableId, long nextFragmentId,
        long version) {

    static final CatalogState EMPTY = new CatalogState(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 1, 1, 0);

    CatalogState {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        sequences = Collections.unmodifiableMap(new TreeMap<>(sequences));
        views = Collections.unmodifiableMap(new TreeMap<>(views));
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
        placements = Collections.unmodifiableMap(new TreeMap<>(placements));
    }

    /** Whether a table, index, sequence or view has this name (they share PostgreSQL's relation namespace). */
    boolean relationExists(String name) {
        return tables.containsKey(name) || sequences.containsKey(name) || views.containsKey(name)
                || tableOfIndex(name) != null;
    }

    /** The table holding the index of this name, or null. */
    TableDescriptor tableOfIndex(String indexName) {
        for (TableDescriptor t : tables.values()) {
            if (t.index(indexName) != null) {
                return t;
            }
        }
        return null;
    }

    /** The table holding the index with this id, or null. */
    TableDescriptor tableOfIndex(long indexId) {
        for (TableDescriptor t : tables.values()) {
            for (IndexDescriptor i : t.indexes()) {
                if (i.id() == indexId) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The table with an index dropped: its descriptor replaced, the index fragments' placements gone. */
    CatalogState withoutIndex(TableDescriptor table, IndexDescriptor dropped) {
        Map<String, TableDescriptor> next = new TreeMap<>(tables);
        next.put(table.name(), table);
        Map<Long, Placement> nextPlacements = new TreeMap<>(placements);
        dropped.fragments().forEach(f -> nextPlacements.remove(f.id()));
        return new CatalogState(next, sequences, views, nodes, nextPlacements, nextTableId, nextFragmentId, version + 1);
    }

    /** Stores the view; a new view takes the next table id, a replaced one keeps its id. */
    CatalogState withView(ViewDescriptor view, boolean isNew) {
        Map<String, ViewDescriptor> next = new TreeMap<>(views);
        next.put(view.name(), view);
        return new CatalogState(tables, sequences, next, nodes, placements, isNew ? nextTableId + 1 : nextTableId,
                nextFragmentId, version + 1);
    }

    CatalogState withoutView(String name) {
        Map<String, ViewDescriptor> next = new TreeMap<>(views);
        next.remove(name);
        return new CatalogState(tables, sequences, next, nodes, placements, nextTableId, nextFragmentId, version + 1);
    }

    TableDescriptor tableById(long id) {
        for (TableDescriptor t : tables.values()) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }

    /**
     * A new table with the placements of its fragments; also a table replaced by itself with a new
     * index (that takes the next relation id and {@code fragmentsUsed} fragment ids just the same).
     */
    CatalogState withTable(TableDescriptor table, long fragmentsUsed, Map<Long, Placement> tablePlacements) {
        Map<String, TableDescriptor> next = new TreeMap<>(tables);
        next.put(table.name(), table);
        Map<Long, Placement> nextPlacements = new TreeMap<>(placements);
        nextPlacements.putAll(tablePlacements);
        return new CatalogState(next, sequences, views, nodes, nextPlacements, nextTableId + 1,
                nextFragmentId + fragmentsUsed, version + 1);
    }

    /** ALTER TABLE: the table under {@code oldName} replaced by {@code table} (maybe renamed); ids and counters stay. */
    CatalogState withAlteredTable(String oldName, TableDescriptor table) {
        Map<String, TableDescriptor> next = new TreeMap<>(tables);
        next.remove(oldName);
        next.put(table.name(), table);
        return new CatalogState(next, sequences, views, nodes, placements, nextTableId, nextFragmentId, version + 1);
    }

    CatalogState withoutTable(String name) {
        Map<String, TableDescriptor> next = new TreeMap<>(tables);
        TableDescriptor dropped = next.remove(name);
        Map<Long, Placement> nextPlacements = new TreeMap<>(placements);
        if (dropped != null) {
            dropped.allFragments().forEach(f -> nextPlacements.remove(f.id()));
        }
        return new CatalogState(next, sequences, views, nodes, nextPlacements, nextTableId, nextFragmentId, version + 1);
    }

    CatalogState withSequence(String name, long nextValue, boolean schemaChange) {
        Map<String, Long> next = new TreeMap<>(sequences);
        next.put(name, nextValue);
        return new CatalogState(tables, next, views, nodes, placements, nextTableId, nextFragmentId,
                schemaChange ? version + 1 : version);
    }

    CatalogState withoutSequence(String name) {
        Map<String, Long> next = new TreeMap<>(sequences);
        next.remove(name);
        return new CatalogState(tables, next, views, nodes, placements, nextTableId, nextFragmentId, version + 1);
    }

    CatalogState withNode(NodeDescriptor node) {
        Map<String, NodeDescriptor> next = new TreeMap<>(nodes);
        next.put(node.id(), node);
        return new CatalogState(tables, sequences, views, next, placements, nextTableId, nextFragmentId, version);
    }

    CatalogState withPlacement(long fragmentId, Placement placement) {
        Map<Long, Placement> next = new TreeMap<>(placements);
        next.put(fragmentId, placement);
        return new CatalogState(tables, sequences, views, nodes, next, nextTableId, nextFragmentId, version);
    }
}
