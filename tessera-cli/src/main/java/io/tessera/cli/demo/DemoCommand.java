package io.tessera.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tessera demo}: a three-node cluster on loopback in one command. Starts the nodes one after
 * the other (each must accept SQL before the next joins it), creates and fills {@code customers},
 * prints how to connect, then stays in the foreground until Ctrl-C or a node dies.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a three-node cluster on this machine with a sample table; Ctrl-C stops it.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "tessera-demo", description = "Where the nodes keep their data and logs (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--base-port", defaultValue = "" + DemoLayout.DEFAULT_BASE_PORT,
            description = "SQL port of node 1; the other ports follow from it (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    /** Set once stopping begins, so nodes exiting because we stop them are not reported as failures. */
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Object stopLock = new Object();
    private boolean stopped;

    @Override
    public Integer call() throws InterruptedException {
        List<DemoNode> nodes;
        try {
            nodes = DemoLayout.of(dir, basePort);
        } catch (IllegalArgumentException e) {
            err.println("tessera demo: " + e.getMessage());
            return 2;
        }
        List<Integer> busy = PortCheck.busy(nodes.stream().flatMap(n -> n.ports().stream()).toList());
        if (!busy.isEmpty()) {
            err.println("tessera demo: ports " + busy + " are in use on " + DemoNode.HOST
                    + " (a node or an earlier demo still running?); stop it or choose other ports with --base-port");
            return 1;
        }
        JavaCommand java = JavaCommand.current(spec.root().userObject().getClass().getName());
        NodeProcesses processes = new NodeProcesses(node -> java.command(node.startArgs()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(processes), "tessera-demo-shutdown"));
        if (!startAll(nodes, processes) || !loadSampleData(nodes.getFirst(), nodes.size())) {
            stop(processes);
            return 1;
        }
        printWelcome(nodes);
        NodeProcesses.Running exited = processes.awaitFirstExit();
        if (stopping.get()) {
            return 0;
        }
        err.println("tessera demo: " + exited.node().name() + " exited on its own with status "
                + exited.process().exitValue() + "; stopping the others");
        printLogTail(exited.node());
        stop(processes);
        return 1;
    }

    /** Starts each node and waits for its SQL port; on a failure prints why and returns false. */
    private boolean startAll(List<DemoNode> nodes, NodeProcesses processes) throws InterruptedException {
        for (DemoNode node : nodes) {
            out.println("Starting " + node.name() + " (region=" + node.region() + ", SQL " + node.sqlAddress()
                    + node.join().map(j -> ", joins " + j).orElse(", new cluster") + "), log " + node.logFile());
            NodeProcesses.Running r;
            try {
                r = processes.start(node);
            } catch (IOException e) {
                err.println("tessera demo: cannot start " + node.name() + ": " + e.getMessage());
                return false;
            }
            SqlReadiness.Outcome outcome = SqlReadiness.await(node.sqlAddress(), SqlReadiness.DEADLINE, r.process()::isAlive);
            if (outcome != SqlReadiness.Outcome.READY) {
                if (!stopping.get()) {
                    err.println("tessera demo: " + node.name() + (outcome == SqlReadiness.Outcome.EXITED
                            ? " exited during start-up" : " did not accept SQL connections within " + SqlReadiness.DEADLINE.toSeconds() + " s"));
                    printLogTail(node);
                }
                return false;
            }
        }
        return true;
    }

    private boolean loadSampleData(DemoNode first, int nodeCount) throws InterruptedException {
        try (Connection c = SqlReadiness.connect(first.sqlAddress(), SqlReadiness.CONNECT_TIMEOUT_SECONDS)) {
            long live = Membership.awaitLive(c, nodeCount, Membership.DEADLINE);
            if (live < nodeCount) {
                err.println("tessera demo: " + first.name() + " sees " + live + " of " + nodeCount + " nodes live after "
                        + Membership.DEADLINE.toSeconds() + " s (see the logs); creating the sample table anyway");
            }
            int inserted = CustomerData.ensure(c);
            out.println(inserted == 0 ? "Table customers is already filled (reusing " + dir + ")."
                    : "Created table customers and inserted " + inserted + " rows through " + first.name() + ".");
            return true;
        } catch (SQLException e) {
            err.println("tessera demo: cannot create the sample table through " + first.name() + ": " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"));
            return false;
        }
    }

    private void printWelcome(List<DemoNode> nodes) {
        out.println();
        out.println("Tessera demo: " + nodes.size() + " nodes are running. Connect to any of them:");
        List<String> labels = nodes.stream().map(n -> n.name() + " (region=" + n.region() + "):").toList();
        int width = labels.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < nodes.size(); i++) {
            out.println("  " + String.format("%-" + width + "s", labels.get(i)) + "  " + nodes.get(i).psqlCommand());
        }
        out.println();
        out.println("and try:");
        out.println("  SELECT region, count(*) FROM customers GROUP BY region;");
        out.println("  SELECT * FROM tessera.fragments;");
        out.println("  SELECT * FROM tessera.nodes;");
        out.println("or from a shell: ./tessera status --host " + nodes.getFirst().sqlAddress());
        out.println();
        out.println("Logs: " + dir.resolve("node<i>").resolve("node.log") + ". Ctrl-C stops all three nodes;"
                + " running the demo again reuses the data.");
    }

    private void printLogTail(DemoNode node) {
        err.println("--- last lines of " + node.logFile() + " ---");
        LogTail.last(node.logFile(), LogTail.LINES).forEach(err::println);
        err.println("---");
    }

    /** Stops every node once; a second caller (the shutdown hook during a stop) waits for the first to finish. */
    private void stop(NodeProcesses processes) {
        stopping.set(true);
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (processes.running().stream().anyMatch(r -> r.process().isAlive())) {
                out.println("Stopping the demo nodes...");
            }
            try {
                processes.stopAll(NodeProcesses.STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
