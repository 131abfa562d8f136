package io.tessera.server;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tessera.cluster.api.NodeDescriptor;
import io.tessera.cluster.api.MembershipConfig;
import io.tessera.cluster.api.TimestampOracle;
import io.tessera.common.time.Clock;
import io.tessera.kv.api.StorageNode;
import io.tessera.kv.api.StorageNodeConfig;
import io.tessera.pgwire.api.PgServer;
import io.tessera.pgwire.api.PgServerConfig;
import io.tessera.pgwire.api.TrustAuthenticator;
import io.tessera.sql.api.SqlEngine;
import io.tessera.sql.catalog.PgCatalogProvider;
import io.tessera.sql.engine.TesseraSqlEngine;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/**
 * The layers of one node: storage and Raft with the catalog and the KV store, the SQL engine over
 * them, and the PostgreSQL port in front. Closing stops the port first (clients get 57P01), then
 * the storage node (Raft groups, RocksDB, the data-directory lock).
 */
final class NodeComponents implements AutoCloseable {
    private final StorageNode storage;
    /** The cluster's timestamp oracle: this node's one instance, for the transaction layer. */
    private final TimestampOracle timestamps;
    private final SqlEngine engine;
    private final PgWireMetrics pgMetrics;
    private PgServer pgServer;

    private NodeComponents(StorageNode storage, SqlEngine engine, PgWireMetrics pgMetrics) {
        this.storage = storage;
        this.timestamps = storage.timestamps();
        this.engine = engine;
        this.pgMetrics = pgMetrics;
    }

    static NodeComponents open(NodeConfig config, Clock clock, PrometheusRegistry registry) throws TesseraNode.StartException {
        StorageNode storage;
        try {
            MembershipConfig membership = new MembershipConfig(config.join(), config.labels(), config.sqlAddr().toString(),
                    config.httpAddr().toString(), config.deadAfter().toMillis());
            storage = StorageNode.open(StorageNodeConfig.defaults(config.dataDir(), config.rpcAddr().toString())
                    .withMembership(membership).withGcWindow(config.gcWindow()), clock, registry);
        } catch (RuntimeException e) {
            throw new TesseraNode.StartException(e.getMessage(), e);
        }
        registerLiveness(registry, storage);
        Instant started = Instant.ofEpochMilli(clock.nowMillis());
        ClusterViews clusterViews = new ClusterViews(storage);
        SqlEngine engine = new TesseraSqlEngine(storage.catalog(), storage.kv(), clock,
                List.of(clusterViews, new PgCatalogProvider(started, List.of(clusterViews))));
        return new NodeComponents(storage, engine, new PgWireMetrics(registry));
    }

    /** {@code tessera_cluster_node_live{node}}: 1 for each node this node hears heartbeats from, 0 for suspect or dead ones. */
    private static void registerLiveness(PrometheusRegistry registry, StorageNode storage) {
        GaugeWithCallback.builder().name("tessera_cluster_node_live")
                .help("1 while the node's heartbeats arrive, 0 when it is suspect or dead, as this node sees it")
                .labelNames("node")
                .callback(cb -> {
                    for (NodeDescriptor n : storage.cluster().nodes()) {
                        cb.call(storage.cluster().liveness(n) == NodeDescriptor.Liveness.LIVE ? 1 : 0, n.id());
                    }
                }).register(registry);
    }

    /** The node's timestamp oracle (snapshot and commit timestamps of transactions). */
    TimestampOracle timestamps() {
        return timestamps;
    }

    /** Opens the PostgreSQL port; returns the bound port (useful when asked for port 0). */
    int startSqlServer(HostPort addr) throws TesseraNode.StartException {
        PgServerConfig pgConfig = PgServerConfig.defaults().withHost(addr.host()).withPort(addr.port());
        pgServer = new PgServer(pgConfig, engine, new TrustAuthenticator(), new SecureRandom(), pgMetrics);
        try {
            pgServer.start();
        } catch (IOException e) {
            throw new TesseraNode.StartException("cannot listen for SQL on " + addr + ": " + e.getMessage(), e);
        }
        return pgServer.port();
    }

    @Override
    public void close() {
        if (pgServer != null) {
            pgServer.close();
        }
        storage.close();
    }
}
