package io.tessera.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Tessera node in its own JVM process, started through the CLI's {@code start} command on
 * free loopback ports, the way a user starts one. Tests talk to it only through pgjdbc and psql;
 * {@link #kill()} is {@code kill -9}. Cluster flags ({@code --join}, {@code --labels},
 * {@code --dead-after}) are given once and used again by {@link #restart()}, which keeps the data
 * directory and the ports, as an operator restarting a node with its unit file would.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int sqlPort;
    private final int httpPort;
    private final int rpcPort;
    private final Path logFile;
    private final List<String> flags;
    private Process process;

    private NodeProcess(Path dataDir, List<String> flags) throws IOException {
        this.dataDir = dataDir;
        this.flags = List.copyOf(flags);
        this.sqlPort = freePort();
        this.httpPort = freePort();
        this.rpcPort = freePort();
        this.logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /** Starts a node on a fresh data directory under {@code parent} and waits until it serves SQL. */
    public static NodeProcess start(Path parent) throws Exception {
        return start(parent, List.of());
    }

    /**
     * Starts a node with extra flags of {@code tessera start} (for example
     * {@code --join 127.0.0.1:7433 --dead-after 10s}) and waits until it serves SQL.
     */
    public static NodeProcess start(Path parent, List<String> flags) throws Exception {
        NodeProcess node = launch(parent, flags);
        node.awaitReady();
        return node;
    }

    /** Launches a node and returns at once: for starts that are expected to fail. */
    public static NodeProcess launch(Path parent, List<String> flags) throws IOException {
        NodeProcess node = new NodeProcess(Files.createTempDirectory(parent, "node"), flags);
        node.launch();
        return node;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** The command line a user would run, minus the script that finds the JDK and builds. */
    public List<String> command(Path dir, int sql, int http, int rpc) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.tessera.cli.Main", "start", "--data-dir", dir.toString(),
                "--sql-addr", "127.0.0.1:" + sql, "--http-addr", "127.0.0.1:" + http, "--rpc-addr", "127.0.0.1:" + rpc));
        return cmd;
    }

    public Process launchRaw(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>(command(dataDir, sqlPort, httpPort, rpcPort));
        cmd.addAll(flags);
        process = launchRaw(cmd);
    }

    /** Waits until the node answers {@code SELECT 1}; fails with the log when it exits or the deadline passes. */
    public void awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue() + "; log:\n" + log());
            }
            try (Connection c = connect()) {
                c.createStatement().execute("SELECT 1");
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100); // polling a port that is not open yet; nothing to wait on instead
            }
        }
        throw new IllegalStateException("node did not serve SQL within " + START_DEADLINE + ": " + last + "\n" + log());
    }

    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The last {@code lines} lines of the log: enough to see why a node failed without drowning the report. */
    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    public Path logFile() { return logFile; }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + sqlPort + "/tessera";
    }

    public Connection connect() throws SQLException {
        return connect(new Properties());
    }

    public Connection connect(Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "tessera");
        p.setProperty("connectTimeout", "5");
        p.putAll(extra);
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    public int sqlPort() { return sqlPort; }

    public int httpPort() { return httpPort; }

    public int rpcPort() { return rpcPort; }

    public Path dataDir() { return dataDir; }

    /** The address as the node reports it in {@code tessera.nodes.sql_addr}. */
    public String sqlAddr() { return "127.0.0.1:" + sqlPort; }

    /** The address other nodes name in {@code --join}. */
    public String rpcAddr() { return "127.0.0.1:" + rpcPort; }

    public List<String> flags() { return flags; }

    public boolean isAlive() { return process != null && process.isAlive(); }

    public long pid() { return process.pid(); }

    /** Waits for the process to exit; the exit code, or empty when it still runs at the deadline. */
    public Optional<Integer> awaitExit(Duration deadline) throws InterruptedException {
        return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait for the orderly shutdown; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** Starts the node again on the same data directory and ports. */
    public void restart() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("node is still running");
        }
        launch();
        awaitReady();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
