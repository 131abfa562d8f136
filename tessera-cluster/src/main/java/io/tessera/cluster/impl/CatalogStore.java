package io.tessera.cluster.impl;

import io.tessera.cluster.api.NodeDescriptor;
import io.tessera.cluster.api.Placement;
import io.tessera.common.encoding.ByteReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.ViewDescriptor;
import io.tessera.common.encoding.ByteWriter;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.storage.api.KeyValue;
import io.tessera.storage.api.StorageBatch;
import io.tessera.storage.api.StorageEngine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The catalog's layout in the storage meta space, one key per object so a change rewrites only
 * what it touches:
 * <pre>
 * catalog/counters          JSON {nextTableId, nextFragmentId, version}
 * catalog/table/&lt;id:8&gt;     JSON TableDescriptor, its secondary indexes (IndexDescriptor) inside
 * catalog/seq/&lt;name&gt;        8-byte next unallocated value
 * catalog/view/&lt;name&gt;       JSON ViewDescriptor
 * catalog/node/&lt;id&gt;         JSON NodeDescriptor (rewritten by every heartbeat)
 * catalog/placement/&lt;id:8&gt; JSON Placement of a fragment (a table's or an index's)
 * catalog/timestamps        JSON TimestampLease of the timestamp oracle
 * </pre>
 * JSON (Jackson) because the catalog is small, read once at start-up, and readable with a tool.
 */
final class CatalogStore {
    private CatalogStore() {}

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final byte[] COUNTERS = ascii("catalog/counters");
    private static final byte[] TABLE_PREFIX = ascii("catalog/table/");
    private static final byte[] SEQUENCE_PREFIX = ascii("catalog/seq/");
    private static final byte[] VIEW_PREFIX = ascii("catalog/view/");
    private static final byte[] NODE_PREFIX = ascii("catalog/node/");
    private static final byte[] PLACEMENT_PREFIX = ascii("catalog/placement/");
    private static final byte[] TIMESTAMPS = ascii("catalog/timestamps");
    static final byte[] ALL_PREFIX = ascii("catalog/");

    record Counters(long nextTableId, long nextFragmentId, long version) {}

    static CatalogState load(StorageEngine storage) {
        Counters counters = storage.getMeta(COUNTERS).map(b -> read(b, Counters.class)).orElse(null);
        if (counters == null) {
            return CatalogState.EMPTY;
        }
        Map<String, TableDescriptor> tables = new HashMap<>();
        for (KeyValue kv : storage.scanMeta(TABLE_PREFIX, KeyCodec.prefixEnd(TABLE_PREFIX), 0)) {
            TableDescriptor t = read(kv.value(), TableDescriptor.class);
            tables.put(t.name(), t);
        }
        Map<String, Long> sequences = new HashMap<>();
        for (KeyValue kv : storage.scanMeta(SEQUENCE_PREFIX, KeyCodec.prefixEnd(SEQUENCE_PREFIX), 0)) {
            String name = new String(kv.key(), SEQUENCE_PREFIX.length, kv.key().length - SEQUENCE_PREFIX.length,
                    StandardCharsets.UTF_8);
            sequences.put(name, ByteBuffer.wrap(kv.value()).getLong());
        }
        Map<String, ViewDescriptor> views = new HashMap<>();
        for (KeyValue kv : storage.scanMeta(VIEW_PREFIX, KeyCodec.prefixEnd(VIEW_PREFIX), 0)) {
            ViewDescriptor v = read(kv.value(), ViewDescriptor.class);
            views.put(v.name(), v);
        }
        Map<String, NodeDescriptor> nodes = new HashMap<>();
        for (KeyValue kv : storage.scanMeta(NODE_PREFIX, KeyCodec.prefixEnd(NODE_PREFIX), 0)) {
            NodeDescriptor n = read(kv.value(), NodeDescriptor.class);
            nodes.put(n.id(), n);
        }
        Map<Long, Placement> placements = new HashMap<>();
        for (KeyValue kv : storage.scanMeta(PLACEMENT_PREFIX, KeyCodec.prefixEnd(PLACEMENT_PREFIX), 0)) {
            long fragmentId = new ByteReader(kv.key(), PLACEMENT_PREFIX.length, kv.key().length).getLong();
            placements.put(fragmentId, read(kv.value(), Placement.class));
        }
        return new CatalogState(tables, sequences, views, nodes, placements, counters.nextTableId(),
                counters.nextFragmentId(), counters.version());
    }

    static TimestampLease loadTimestamps(StorageEngine storage) {
        return storage.getMeta(TIMESTAMPS).map(b -> read(b, TimestampLease.class)).orElse(TimestampLease.NONE);
    }

    static void putTimestamps(StorageBatch batch, TimestampLease lease) {
        batch.putMeta(TIMESTAMPS, write(lease));
    }

    static void putCounters(StorageBatch batch, CatalogState s) {
        batch.putMeta(COUNTERS, write(new Counters(s.nextTableId(), s.nextFragmentId(), s.version())));
    }

    static void putTable(StorageBatch batch, TableDescriptor table) {
        batch.putMeta(tableKey(table.id()), write(table));
    }

    static void deleteTable(StorageBatch batch, long tableId) {
        batch.deleteMeta(tableKey(tableId));
    }

    static void putSequence(StorageBatch batch, String name, long next) {
        batch.putMeta(sequenceKey(name), new ByteWriter(8).putLong(next).toByteArray());
    }

    static void deleteSequence(StorageBatch batch, String name) {
        batch.deleteMeta(sequenceKey(name));
    }

    static void putView(StorageBatch batch, ViewDescriptor view) {
        batch.putMeta(viewKey(view.name()), write(view));
    }

    static void deleteView(StorageBatch batch, String name) {
        batch.deleteMeta(viewKey(name));
    }

    static void putNode(StorageBatch batch, NodeDescriptor node) {
        byte[] id = node.id().getBytes(StandardCharsets.UTF_8);
        batch.putMeta(new ByteWriter(NODE_PREFIX.length + id.length).put(NODE_PREFIX).put(id).toByteArray(), write(node));
    }

    static void putPlacement(StorageBatch batch, long fragmentId, Placement placement) {
        batch.putMeta(placementKey(fragmentId), write(placement));
    }

    static void deletePlacement(StorageBatch batch, long fragmentId) {
        batch.deleteMeta(placementKey(fragmentId));
    }

    private static byte[] placementKey(long fragmentId) {
        return new ByteWriter(PLACEMENT_PREFIX.length + 8).put(PLACEMENT_PREFIX).putLong(fragmentId).toByteArray();
    }

    private static byte[] viewKey(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return new ByteWriter(VIEW_PREFIX.length + n.length).put(VIEW_PREFIX).put(n).toByteArray();
    }

    private static byte[] tableKey(long id) {
        return new ByteWriter(TABLE_PREFIX.length + 8).put(TABLE_PREFIX).putLong(id).toByteArray();
    }

    private static byte[] sequenceKey(String name) {
        return new ByteWriter(SEQUENCE_PREFIX.length + name.length()).put(SEQUENCE_PREFIX)
                .put(name.getBytes(StandardCharsets.UTF_8)).toByteArray();
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
