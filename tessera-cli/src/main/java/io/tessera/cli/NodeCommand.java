package io.tessera.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera node …}: operations on one node of a running cluster, through any node's SQL port. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "List or decommission the nodes of a cluster.",
        subcommands = {NodeCommand.ListNodes.class, NodeCommand.Decommission.class})
final class NodeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list or decommission");
    }

    /** {@code tessera node list}: the rows of {@code tessera.nodes}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the nodes of the cluster (tessera.nodes).")
    static final class ListNodes implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1:7432", description = "SQL address of any node (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--user", defaultValue = NodeConnection.DEFAULT_USER)
        String user;

        @Override
        public Integer call() {
            try (Connection c = NodeConnection.open(host, user)) {
                StatusCommand.print(c, StatusCommand.NODES_SQL);
                return 0;
            } catch (SQLException e) {
                System.err.println("tessera node list: " + NodeConnection.describe(host, e));
                return 1;
            }
        }
    }

    /**
     * {@code tessera node decommission ID}: asks the cluster to move every replica off the node, then
     * (unless {@code --no-wait}) follows the drain until the node is {@code decommissioned} and may be stopped.
     */
    @Command(name = "decommission", mixinStandardHelpOptions = true,
            description = "Drain a node of its replicas so that it can be stopped without losing availability.")
    static final class Decommission implements Callable<Integer> {
        static final String DECOMMISSION_SQL = "SELECT tessera_decommission(?)";
        static final String PROGRESS_SQL = "SELECT state, replicas FROM tessera.nodes WHERE node_id = ?";

        @Parameters(index = "0", paramLabel = "node-id", description = "The node_id shown by tessera node list.")
        String nodeId;

        @Option(names = "--host", defaultValue = "127.0.0.1:7432", description = "SQL address of any node (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--user", defaultValue = NodeConnection.DEFAULT_USER)
        String user;

        @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Wait until the node is drained (default: ${DEFAULT-VALUE}).")
        boolean await;

        @Option(names = "--timeout", defaultValue = "10m", paramLabel = "duration",
                description = "How long --wait waits: 30s, 10m, 1h (default: ${DEFAULT-VALUE}).")
        String timeout;

        @Override
        public Integer call() throws InterruptedException {
            Duration limit;
            try {
                limit = ClusterFlags.parseDuration("--timeout", timeout);
            } catch (IllegalArgumentException e) {
                System.err.println("tessera node decommission: " + e.getMessage());
                return 2;
            }
            try (Connection c = NodeConnection.open(host, user)) {
                System.out.println("node " + nodeId + ": " + decommission(c));
                if (!await) {
                    System.out.println("Follow it with: tessera node list --host " + host);
                    return 0;
                }
                DecommissionWait wait = new DecommissionWait(() -> progress(c), System::nanoTime,
                        d -> Thread.sleep(d.toMillis()), System.out::println);
                return report(wait.await(nodeId, limit));
            } catch (SQLException e) {
                System.err.println("tessera node decommission: " + NodeConnection.describe(host, e));
                return 1;
            }
        }

        private int report(DecommissionWait.Outcome outcome) {
            return switch (outcome) {
                case DECOMMISSIONED, REMOVED -> {
                    System.out.println("Node " + nodeId + " holds no replicas any more: its process can be stopped now.");
                    yield 0;
                }
                case TIMED_OUT -> {
                    System.err.println("tessera node decommission: node " + nodeId + " was not drained within "
                            + timeout + "; the drain goes on, follow it with: tessera node list --host " + host);
                    yield 1;
                }
            };
        }

        private String decommission(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(DECOMMISSION_SQL)) {
                ps.setString(1, nodeId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "";
                }
            }
        }

        private Optional<DecommissionWait.Progress> progress(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(PROGRESS_SQL)) {
                ps.setString(1, nodeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new DecommissionWait.Progress(rs.getString(1), rs.getLong(2)));
                }
            }
        }
    }
}
