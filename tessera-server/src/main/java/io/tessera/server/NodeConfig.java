package io.tessera.server;

import io.tessera.kv.api.StorageNodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one node needs to start. Defaults are those of ARCHITECTURE.md: data in
 * {@code ./tessera-data}, SQL on 127.0.0.1:7432 (PostgreSQL's 5432 shifted so both can run side
 * by side), RPC/Raft on 7433, HTTP on 7480; loopback by default so a fresh node is not exposed.
 *
 * @param join RPC addresses of nodes already in the cluster; empty starts a new cluster
 * @param labels placement labels of this node ({@code region=eu}, {@code zone=eu-1})
 * @param deadAfter how long a node may miss heartbeats before it is dead and its replicas are re-created elsewhere
 * @param gcWindow how long old row versions stay readable (snapshots of long transactions) before
 *     they are garbage-collected; reads at older snapshots fail with 72000
 */
public record NodeConfig(Path dataDir, HostPort sqlAddr, HostPort httpAddr, HostPort rpcAddr, List<String> join,
        Map<String, String> labels, Duration deadAfter, Duration gcWindow) {
    public static final String DEFAULT_DATA_DIR = "tessera-data";
    public static final String DEFAULT_SQL_ADDR = "127.0.0.1:7432";
    public static final String DEFAULT_HTTP_ADDR = "127.0.0.1:7480";
    public static final String DEFAULT_RPC_ADDR = "127.0.0.1:7433";
    /** 5 minutes: a node restarting or briefly partitioned keeps its replicas; re-replication is expensive. */
    public static final Duration DEAD_AFTER_DEFAULT = Duration.ofMinutes(5);
    /** 4 hours (issue 4): transactions and snapshot reads of the last hours keep their versions. */
    public static final Duration GC_WINDOW_DEFAULT = StorageNodeConfig.GC_WINDOW_DEFAULT;

    public NodeConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("data directory is required");
        }
        boolean clash = sqlAddr.equals(httpAddr) || sqlAddr.equals(rpcAddr) || httpAddr.equals(rpcAddr);
        if (clash && sqlAddr.port() != 0 && httpAddr.port() != 0 && rpcAddr.port() != 0) {
            throw new IllegalArgumentException("--sql-addr, --http-addr and --rpc-addr must differ: "
                    + sqlAddr + ", " + httpAddr + ", " + rpcAddr);
        }
        join = List.copyOf(join);
        join.forEach(HostPort::parse);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(deadAfter, "deadAfter");
        if (deadAfter.toMillis() < 1000) {
            throw new IllegalArgumentException("--dead-after must be at least 1s: " + deadAfter);
        }
        Objects.requireNonNull(gcWindow, "gcWindow");
        if (gcWindow.compareTo(StorageNodeConfig.GC_WINDOW_MIN) < 0) {
            throw new IllegalArgumentException("--gc-window must be at least 1s: " + gcWindow);
        }
    }

    /** With the default garbage-collection window. */
    public NodeConfig(Path dataDir, HostPort sqlAddr, HostPort httpAddr, HostPort rpcAddr, List<String> join,
            Map<String, String> labels, Duration deadAfter) {
        this(dataDir, sqlAddr, httpAddr, rpcAddr, join, labels, deadAfter, GC_WINDOW_DEFAULT);
    }

    /** A node of its own cluster with the default liveness settings. */
    public NodeConfig(Path dataDir, HostPort sqlAddr, HostPort httpAddr, HostPort rpcAddr) {
        this(dataDir, sqlAddr, httpAddr, rpcAddr, List.of(), Map.of(), DEAD_AFTER_DEFAULT);
    }

    public static NodeConfig defaults() {
        return new NodeConfig(Path.of(DEFAULT_DATA_DIR), HostPort.parse(DEFAULT_SQL_ADDR),
                HostPort.parse(DEFAULT_HTTP_ADDR), HostPort.parse(DEFAULT_RPC_ADDR));
    }
}
