package io.tessera.kv.api;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.Cluster;
import io.tessera.cluster.api.MetadataGroup;
import io.tessera.cluster.api.TimestampOracle;
import io.tessera.common.error.SqlException;
import io.tessera.common.time.Clock;
import io.tessera.common.time.HybridClock;
import io.tessera.kv.impl.DataDirectoryLock;
import io.tessera.kv.impl.RaftKvStore;
import io.tessera.kv.impl.VersionCollector;
import io.tessera.replication.api.FragmentKeys;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.RaftHost;
import io.tessera.replication.api.RaftMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tessera.storage.api.StorageEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lower half of a node, wired: data-directory lock, storage (RocksDB), the Raft host with the
 * metadata group and the fragment groups, the {@link Catalog} and the {@link KvStore}.
 *
 * <p>Start-up order: lock the data directory → read or create the node id → open storage → open
 * and start the Raft host (it reopens every group found on disk and replays their logs past what
 * storage holds) → open the catalog (creates the metadata group on a fresh node, reconciles
 * fragment groups) → the KV store → the version collector (garbage collection of old MVCC versions
 * of every local replica, see {@link VersionCollector}).
 *
 * <p>Clean shutdown order ({@link #close()}): stop the version collector, then the Raft host (it
 * stops taking commands, lets each group's apply thread finish and snapshot, so RocksDB's WAL is
 * synced), then storage
 * (syncs the WAL once more and closes RocksDB), then release the lock. Storage must outlive the
 * Raft host because applies write to it. Callers stop sending new statements before closing;
 * calls racing with close fail with 57P01.
 */
public final class StorageNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageNode.class);
    static final String NODE_ID_FILE = "node.id";
    static final String CLUSTER_ID_FILE = "cluster.id";

    private final DataDirectoryLock lock;
    private final StorageEngine storage;
    private final RaftHost host;
    private final MetadataGroup.Opened cluster;
    private final TransactionalKvStore kv;
    private final VersionCollector collector;
    private final String nodeId;
    private boolean closed;

    private StorageNode(DataDirectoryLock lock, StorageEngine storage, RaftHost host, MetadataGroup.Opened cluster,
            TransactionalKvStore kv, VersionCollector collector, String nodeId) {
        this.lock = lock;
        this.storage = storage;
        this.host = host;
        this.cluster = cluster;
        this.kv = kv;
        this.collector = collector;
        this.nodeId = nodeId;
    }

    /** Opens the node's data in {@code dataDir}, serving Raft on {@code rpcHostPort} (e.g. 127.0.0.1:7433). */
    public static StorageNode open(Path dataDir, String rpcHostPort, Clock clock) {
        return open(StorageNodeConfig.defaults(dataDir, rpcHostPort), clock);
    }

    public static StorageNode open(StorageNodeConfig config, Clock clock) {
        return open(config, clock, new PrometheusRegistry());
    }

    /** Opens the node, registering the replication and KV metrics in {@code registry}. */
    public static StorageNode open(StorageNodeConfig config, Clock clock, PrometheusRegistry registry) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDir());
        StorageEngine storage = null;
        RaftHost host = null;
        try {
            String nodeId = nodeId(config.dataDir());
            storage = StorageEngine.open(config.storageConfig());
            MetadataGroup metadata = new MetadataGroup(registry);
            host = RaftHost.open(config.raftConfig(nodeId), storage, Map.of(GroupKey.Kind.META, metadata.stateMachineFactory()),
                    new RaftMetrics(registry));
            host.start();
            StorageEngine engine = storage;
            MetadataGroup.Opened cluster = metadata.open(host, config.membership(), clock,
                    id -> engine.approximateSize(FragmentKeys.prefix(id), FragmentKeys.storageEnd(id, null)),
                    config.dataDir().resolve(CLUSTER_ID_FILE));
            KvMetrics metrics = new KvMetrics(registry);
            RaftHost raft = host;
            VersionCollector collector = new VersionCollector(nodeId, storage, localReplicas(raft), clock,
                    config.gcWindow(), metrics);
            TransactionalKvStore kv = new RaftKvStore(host, storage, new HybridClock(clock), cluster.timestamps()::next,
                    collector::horizon, cluster.catalog(), cluster.cluster(), metrics);
            collector.start();
            LOG.info("node {} storage node open dataDir={} rpc={}", nodeId, config.dataDir(), host.self().address());
            return new StorageNode(lock, storage, host, cluster, kv, collector, nodeId);
        } catch (RuntimeException e) {
            if (host != null) {
                host.close();
            }
            if (storage != null) {
                storage.close();
            }
            lock.close();
            throw e;
        }
    }

    /** The fragment groups the Raft host runs, with their applied index as the change mark. */
    private static VersionCollector.Replicas localReplicas(RaftHost host) {
        return new VersionCollector.Replicas() {
            @Override
            public List<Long> fragmentIds() {
                return host.groups().stream().filter(g -> g.kind() == GroupKey.Kind.FRAGMENT).map(GroupKey::id).sorted()
                        .toList();
            }

            @Override
            public OptionalLong changeMark(long fragmentId) {
                GroupKey key = GroupKey.fragment(fragmentId);
                try {
                    return host.hasGroup(key) ? OptionalLong.of(host.status(key).appliedIndex()) : OptionalLong.empty();
                } catch (SqlException e) { // removed between the two calls
                    return OptionalLong.empty();
                }
            }
        };
    }

    /** The node's stable id, kept in {@code node.id}; created once from a random UUID. */
    private static String nodeId(Path dataDir) {
        Path file = dataDir.resolve(NODE_ID_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            UUID uuid = UUID.randomUUID();
            String id = "n" + HexFormat.of().toHexDigits(uuid.getMostSignificantBits()).substring(0, 12);
            Path tmp = dataDir.resolve(NODE_ID_FILE + ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    public Catalog catalog() { return cluster.catalog(); }

    public Cluster cluster() { return cluster.cluster(); }

    public TransactionalKvStore kv() { return kv; }

    /** The cluster's timestamp oracle (one per node, over the metadata group). */
    public TimestampOracle timestamps() { return cluster.timestamps(); }

    public String nodeId() { return nodeId; }

    /** host:port the Raft server listens on (the real port when 0 was asked for). */
    public String rpcAddress() { return host.self().address(); }

    /**
     * The garbage-collection horizon of this node's replicas (a hybrid timestamp, never decreasing):
     * a read at an older timestamp may miss versions and must be refused, see {@link #checkReadable}.
     */
    public long gcHorizon() { return collector.horizon(); }

    /** Throws SQLSTATE 72000 "snapshot too old" when a read at {@code readTs} is below {@link #gcHorizon()}. */
    public void checkReadable(long readTs) { collector.checkReadable(readTs); }

    /** Garbage-collects every local replica now, at the current horizon; returns the versions removed. */
    public long collectGarbageNow() { return collector.collectNow(); }

    /** For operators and tests: the node's storage engine (every replica's versions). */
    public StorageEngine storage() { return storage; }

    /** For operators and tests: the Raft host (groups, snapshots). */
    public RaftHost raftHost() { return host; }

    /** Approximate bytes the fragment's replica on this node takes (all versions, SSTs and memtables). */
    public long fragmentSizeBytes(long fragmentId) {
        return storage.approximateSize(FragmentKeys.prefix(fragmentId), FragmentKeys.storageEnd(fragmentId, null));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        collector.close(); // waits for a pass under way: storage must still be open for it
        try {
            cluster.background().close();
        } catch (Exception e) {
            LOG.warn("node {} stopping the placement driver failed", nodeId, e);
        }
        try {
            host.close();
        } finally {
            try {
                storage.close();
            } finally {
                lock.close();
            }
        }
        LOG.info("node {} storage node closed", nodeId);
    }
}
