package io.tessera.cli;

import io.tessera.server.HostPort;
import io.tessera.server.NodeConfig;
import io.tessera.server.TesseraNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera start}: runs one node in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start a Tessera node in the foreground.")
final class StartCommand implements Callable<Integer> {
    /** The text form of {@link NodeConfig#DEAD_AFTER_DEFAULT}; a test keeps the two equal. */
    static final String DEAD_AFTER_DEFAULT_TEXT = "5m";
    /** The text form of {@link NodeConfig#GC_WINDOW_DEFAULT}; a test keeps the two equal. */
    static final String GC_WINDOW_DEFAULT_TEXT = "4h";

    @Option(names = "--data-dir", defaultValue = NodeConfig.DEFAULT_DATA_DIR, description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--sql-addr", defaultValue = NodeConfig.DEFAULT_SQL_ADDR, description = "PostgreSQL protocol address (default: ${DEFAULT-VALUE}).")
    String sqlAddr;

    @Option(names = "--http-addr", defaultValue = NodeConfig.DEFAULT_HTTP_ADDR, description = "HTTP address for /metrics and /health (default: ${DEFAULT-VALUE}).")
    String httpAddr;

    @Option(names = "--rpc-addr", defaultValue = NodeConfig.DEFAULT_RPC_ADDR, description = "Internal RPC and Raft address (default: ${DEFAULT-VALUE}).")
    String rpcAddr;

    @Option(names = "--join", paramLabel = "host:port[,host:port...]",
            description = "RPC addresses of nodes already in the cluster; without it the node starts a new cluster.")
    String join;

    @Option(names = "--labels", paramLabel = "key=value[,key=value...]",
            description = "Placement labels of this node, e.g. region=eu,zone=eu-1.")
    String labels;

    @Option(names = "--dead-after", defaultValue = DEAD_AFTER_DEFAULT_TEXT, paramLabel = "duration",
            description = "How long a node may miss heartbeats before it counts as dead and its replicas are"
                    + " re-created elsewhere: 10s, 2m, 1h (default: ${DEFAULT-VALUE}).")
    String deadAfter;

    @Option(names = "--gc-window", defaultValue = GC_WINDOW_DEFAULT_TEXT, paramLabel = "duration",
            description = "How long old row versions stay readable before they are garbage-collected; reads at"
                    + " older snapshots fail with 72000: 30s, 10m, 4h (default: ${DEFAULT-VALUE}).")
    String gcWindow;

    /** The node's configuration from the flags; {@link IllegalArgumentException} names the bad flag. */
    NodeConfig config() {
        return new NodeConfig(dataDir, HostPort.parse(sqlAddr), HostPort.parse(httpAddr), HostPort.parse(rpcAddr),
                ClusterFlags.parseJoin(join), ClusterFlags.parseLabels(labels),
                ClusterFlags.parseDuration("--dead-after", deadAfter), ClusterFlags.parseDuration("--gc-window", gcWindow));
    }

    @Override
    public Integer call() throws Exception {
        NodeConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            System.err.println("tessera: " + e.getMessage());
            return 2;
        }
        TesseraNode node;
        try {
            node = TesseraNode.start(config);
        } catch (TesseraNode.StartException e) {
            System.err.println("tessera: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "tessera-shutdown"));
        stopped.await();
        return 0;
    }
}
