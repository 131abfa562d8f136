package io.tessera.cluster.api;

import io.tessera.cluster.impl.ClusterServices;
import io.tessera.cluster.impl.RaftCatalog;
import io.tessera.cluster.impl.TimestampMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tessera.common.time.Clock;
import io.tessera.replication.api.RaftHost;
import io.tessera.replication.api.StateMachineFactory;
import java.nio.file.Path;
import java.util.function.LongUnaryOperator;

/**
 * Wires the catalog and the cluster into a node: register {@link #stateMachineFactory()} as the
 * META kind when opening the {@link RaftHost}, start the host, then {@link #open}.
 */
public final class MetadataGroup {
    private final RaftCatalog.View view = new RaftCatalog.View();
    private final TimestampMetrics timestampMetrics;

    /** A metadata group whose metrics go nowhere (tests, tools). */
    public MetadataGroup() {
        this(new PrometheusRegistry());
    }

    /** A metadata group registering its metrics (the timestamp oracle's counters) in {@code registry}. */
    public MetadataGroup(PrometheusRegistry registry) {
        this.timestampMetrics = new TimestampMetrics(registry);
    }

    public StateMachineFactory stateMachineFactory() {
        return RaftCatalog.stateMachineFactory(view);
    }

    /**
     * The catalog, the cluster view, the cluster's timestamp oracle (one instance per node, shared
     * by every session) and the background work (heartbeats, placement driver, timestamp lease) of
     * one node.
     */
    public record Opened(Catalog catalog, Cluster cluster, TimestampOracle timestamps, AutoCloseable background) {}

    /**
     * Enters the cluster: starts a new one (no join addresses and no metadata replica yet), joins
     * one, or re-registers after a restart; then removes this node's groups of fragments dropped
     * while it was away, and starts heartbeats and the placement driver.
     *
     * @param fragmentSize approximate bytes of a fragment's replica on this node, for status
     * @param clusterIdFile where the data directory records the id of its cluster
     */
    public Opened open(RaftHost host, MembershipConfig config, Clock clock, LongUnaryOperator fragmentSize,
            Path clusterIdFile) {
        return ClusterServices.open(host, view, config, clock, fragmentSize, clusterIdFile, timestampMetrics);
    }
}
