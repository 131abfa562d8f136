package io.tessera.cluster.impl;

import io.tessera.cluster.api.MembershipConfig;
import io.tessera.cluster.api.MetadataGroup;
import io.tessera.common.time.Clock;
import io.tessera.replication.api.RaftHost;
import java.nio.file.Path;
import java.util.function.LongUnaryOperator;

/**
 * Builds the cluster side of a node in order: registry (enter the cluster), catalog, placement
 * driver, timestamp oracle.
 */
public final class ClusterServices {
    private ClusterServices() {}

    public static MetadataGroup.Opened open(RaftHost host, RaftCatalog.View view, MembershipConfig config, Clock clock,
            LongUnaryOperator fragmentSize, Path clusterIdFile, TimestampMetrics timestampMetrics) {
        RaftCluster cluster = new RaftCluster(host, view, config, clock, fragmentSize, new ClusterIdFile(clusterIdFile));
        RaftCatalog catalog = RaftCatalog.open(host, view, cluster);
        PlacementDriver driver = new PlacementDriver(host, view, cluster);
        driver.start();
        TimestampService timestamps = TimestampService.start(host, view, clock, timestampMetrics);
        AutoCloseable background = () -> {
            try (driver; timestamps) {
                // closes both, the oracle first (resources close in reverse order)
            }
        };
        return new MetadataGroup.Opened(catalog, cluster, timestamps, background);
    }
}
