package io.tessera.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A cluster of real node processes on loopback: node 1 starts a new cluster, the others join it
 * through {@code --join} with node 1's RPC address, the way an operator builds one. Everything it
 * knows about the cluster it reads through pgjdbc from {@code tessera.nodes} and
 * {@code tessera.fragments}; processes are matched to node ids by their SQL address.
 */
public final class LocalCluster implements AutoCloseable {
    /** Short enough that a test sees a killed node declared dead, long enough that a busy 2-core CI machine does not flap. */
    public static final Duration DEAD_AFTER = Duration.ofSeconds(10);
    /** Node starts on a loaded 2-core machine take seconds each; joining and the first heartbeats add a few more. */
    public static final Duration LIVE_DEADLINE = Duration.ofSeconds(120);
    private static final int LOG_TAIL_LINES = 40;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path parent;
    private final List<String> commonFlags;
    private final List<NodeProcess> nodes = new ArrayList<>();

    private LocalCluster(Path parent, List<String> commonFlags) {
        this.parent = parent;
        this.commonFlags = List.copyOf(commonFlags);
    }

    /** Starts {@code size} nodes with {@code --dead-after} {@link #DEAD_AFTER} and waits until node 1 sees all of them live. */
    public static LocalCluster start(Path parent, int size) throws Exception {
        return start(parent, size, List.of("--dead-after", DEAD_AFTER.toSeconds() + "s"));
    }

    /** Starts {@code size} nodes, each with {@code flags}; the cluster is closed again if it does not come up. */
    public static LocalCluster start(Path parent, int size, List<String> flags) throws Exception {
        LocalCluster cluster = new LocalCluster(parent, flags);
        try {
            cluster.nodes.add(NodeProcess.start(parent, flags));
            for (int i = 1; i < size; i++) {
                cluster.nodes.add(NodeProcess.start(parent, cluster.withJoin(List.of(cluster.nodes.get(0)), flags)));
            }
            cluster.awaitAllLive();
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** The flags of a node joining through {@code seeds}: {@code --join} their RPC addresses, then {@code flags}. */
    public List<String> withJoin(List<NodeProcess> seeds, List<String> flags) {
        List<String> out = new ArrayList<>(List.of("--join",
                seeds.stream().map(NodeProcess::rpcAddr).collect(Collectors.joining(","))));
        out.addAll(flags);
        return out;
    }

    /** Adds a node joining through every running node, and waits until the cluster sees it live. */
    public NodeProcess addNode(List<String> extraFlags) throws Exception {
        List<String> flags = new ArrayList<>(commonFlags);
        flags.addAll(extraFlags);
        NodeProcess node = NodeProcess.start(parent, withJoin(running(), flags));
        nodes.add(node);
        awaitAllLive();
        return node;
    }

    /** Node {@code number}, counted from 1 in start order. */
    public NodeProcess node(int number) {
        return nodes.get(number - 1);
    }

    public List<NodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    public List<NodeProcess> running() {
        return nodes.stream().filter(NodeProcess::isAlive).toList();
    }

    /** Running nodes other than {@code excluded}: the gateways a client uses while {@code excluded} is killed. */
    public List<NodeProcess> runningExcept(NodeProcess excluded) {
        return running().stream().filter(n -> n != excluded).toList();
    }

    /** Node 1 when it runs, else the first running node: where the cluster views are read. */
    public NodeProcess observer() {
        return running().stream().findFirst().orElseThrow(() -> new IllegalStateException("no node runs"));
    }

    /** {@code kill -9} of one node. */
    public void kill(NodeProcess node) throws InterruptedException {
        node.kill();
    }

    /** Stops a node for good (a decommissioned one) and forgets it: the cluster no longer expects it live. */
    public void remove(NodeProcess node) throws InterruptedException {
        node.stop();
        nodes.remove(node);
    }

    /** Restarts a stopped node on its data directory and ports, and waits until the cluster sees every running node live. */
    public void restart(NodeProcess node) throws Exception {
        node.restart();
        awaitAllLive();
    }

    /** Waits until the cluster reports exactly the running processes as live nodes. */
    public void awaitAllLive() throws Exception {
        awaitView("every running node live", LIVE_DEADLINE, this::allRunningLive);
    }

    /** Waits until {@code node} is no longer reported live (suspect or dead). */
    public void awaitNotLive(NodeProcess node, Duration deadline) throws Exception {
        awaitView(node.sqlAddr() + " not live", deadline,
                rows -> rows.stream().anyMatch(r -> r.sqlAddr().equals(node.sqlAddr()) && !r.state().equals("live")));
    }

    private boolean allRunningLive(List<NodeRow> rows) {
        Set<String> live = rows.stream().filter(r -> r.state().equals("live")).map(NodeRow::sqlAddr).collect(Collectors.toSet());
        Set<String> expected = running().stream().map(NodeProcess::sqlAddr).collect(Collectors.toSet());
        return live.equals(expected);
    }

    /**
     * Polls {@code tessera.nodes} through the observer until {@code condition} holds. A failed read
     * (the metadata group electing a leader) is retried; the deadline failure shows the last view,
     * the last error and the tail of every node's log.
     */
    public List<NodeRow> awaitView(String what, Duration deadline, Predicate<List<NodeRow>> condition) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        List<NodeRow> last = List.of();
        Exception lastError = null;
        while (System.nanoTime() < end) {
            try {
                last = nodesView();
                if (condition.test(last)) {
                    return last;
                }
            } catch (SQLException e) {
                lastError = e;
            }
            Thread.sleep(POLL.toMillis()); // the views change on heartbeats; nothing to wait on instead
        }
        throw new AssertionError("cluster did not reach '" + what + "' within " + deadline + "\nlast tessera.nodes: "
                + last + "\nlast error: " + lastError + "\ntessera.fragments now: " + fragmentsDump() + "\n" + logTails());
    }

    /** Every row of {@code tessera.fragments} through the observer, for failure messages; the error if it cannot be read. */
    public String fragmentsDump() {
        StringBuilder out = new StringBuilder();
        try (Connection c = observer().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name, fragment_id, replicas, leader FROM tessera.fragments")) {
            while (rs.next()) {
                out.append("\n  ").append(rs.getString(1)).append(' ').append(rs.getLong(2)).append(' ')
                        .append(rs.getString(3)).append(" leader ").append(rs.getString(4));
            }
        } catch (SQLException | RuntimeException e) {
            out.append(e);
        }
        return out.toString();
    }

    /** {@code tessera.nodes} as the observer sees it. */
    public List<NodeRow> nodesView() throws SQLException {
        return nodesView(observer());
    }

    public List<NodeRow> nodesView(NodeProcess via) throws SQLException {
        try (Connection c = via.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM tessera.nodes")) {
            boolean hasMetaLeader = hasColumn(rs.getMetaData(), "meta_leader");
            List<NodeRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new NodeRow(rs.getString("node_id"), rs.getString("sql_addr"), rs.getString("rpc_addr"),
                        rs.getString("labels"), rs.getString("state"), rs.getLong("replicas"), rs.getLong("leaders"),
                        hasMetaLeader ? Optional.of(rs.getBoolean("meta_leader")) : Optional.empty()));
            }
            return rows;
        }
    }

    /** {@code tessera.fragments} rows of one table as the observer sees them, by fragment id. */
    public List<FragmentRow> fragmentsView(String table) throws SQLException {
        return fragmentsView(observer(), table);
    }

    public List<FragmentRow> fragmentsView(NodeProcess via, String table) throws SQLException {
        try (Connection c = via.connect();
                var ps = c.prepareStatement("SELECT table_name, fragment_id, replicas, leader, raft_term, applied_index"
                        + " FROM tessera.fragments WHERE table_name = ? ORDER BY fragment_id")) {
            ps.setString(1, table);
            List<FragmentRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new FragmentRow(rs.getString(1), rs.getLong(2), TextArrays.parse(rs.getString(3)),
                            rs.getString(4), rs.getLong(5), rs.getLong(6)));
                }
            }
            return rows;
        }
    }

    /**
     * Waits until every fragment of {@code table} has a leader and {@code replicas} replicas: a
     * table's new Raft groups elect their leaders after CREATE TABLE returns.
     */
    public void awaitLeaders(String table, int replicas, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        List<FragmentRow> rows = List.of();
        while (System.nanoTime() < end) {
            rows = fragmentsView(table);
            if (!rows.isEmpty() && rows.stream().allMatch(f -> f.leader() != null && f.replicas().size() == replicas)) {
                return;
            }
            Thread.sleep(POLL.toMillis()); // elections of the new groups
        }
        throw new AssertionError("fragments of " + table + " without a leader or " + replicas + " replicas after "
                + deadline + ": " + rows + "\n" + logTails());
    }

    /** The node id the cluster gave {@code node}, found by its SQL address. */
    public String nodeId(NodeProcess node) throws SQLException {
        return nodesView().stream().filter(r -> r.sqlAddr().equals(node.sqlAddr())).map(NodeRow::nodeId).findFirst()
                .orElseThrow(() -> new IllegalStateException("no row of tessera.nodes has sql_addr " + node.sqlAddr()));
    }

    /** The process of a node id, found by its SQL address. */
    public NodeProcess process(String nodeId) throws SQLException {
        return process(nodeId, nodesView());
    }

    private NodeProcess process(String nodeId, List<NodeRow> view) {
        String sqlAddr = view.stream().filter(r -> r.nodeId().equals(nodeId)).map(NodeRow::sqlAddr).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node " + nodeId + " in tessera.nodes " + view));
        return nodes.stream().filter(n -> n.sqlAddr().equals(sqlAddr)).findFirst()
                .orElseThrow(() -> new IllegalStateException("node " + nodeId + " at " + sqlAddr + " is not one of ours"));
    }

    /** How many fragments (of every table) each node id leads, from {@code tessera.fragments}. */
    public Map<String, Long> leadersPerNode() throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = observer().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT leader FROM tessera.fragments")) {
            while (rs.next()) {
                String leader = rs.getString(1);
                if (leader != null) {
                    counts.merge(leader, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /** The node that leads the most fragments: losing it costs the most leader elections. */
    public NodeProcess mostLeaders() throws SQLException {
        Map<String, Long> counts = leadersPerNode();
        String nodeId = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("tessera.fragments names no leader"));
        return process(nodeId);
    }

    /**
     * The leader of the metadata Raft group, when {@code tessera.nodes} has a {@code meta_leader}
     * column; empty when the column does not exist or no node is marked.
     */
    public Optional<NodeProcess> metadataLeader() throws SQLException {
        List<NodeRow> view = nodesView();
        return view.stream().filter(r -> r.metaLeader().orElse(false)).findFirst().map(r -> process(r.nodeId(), view));
    }

    /** Whether {@code tessera.nodes} says which node leads the metadata group. */
    public boolean reportsMetadataLeader() throws SQLException {
        return nodesView().stream().anyMatch(r -> r.metaLeader().isPresent());
    }

    /** The tail of every node's log, headed by its addresses: what a failure message needs. */
    public String logTails() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            NodeProcess n = nodes.get(i);
            out.append("---- node ").append(i + 1).append(" sql=").append(n.sqlAddr()).append(" rpc=").append(n.rpcAddr())
                    .append(n.isAlive() ? " (running)" : " (stopped)").append(", last ").append(LOG_TAIL_LINES)
                    .append(" lines of ").append(n.logFile()).append('\n').append(n.logTail(LOG_TAIL_LINES)).append('\n');
        }
        return out.toString();
    }

    private static boolean hasColumn(ResultSetMetaData md, String name) throws SQLException {
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess n : nodes) {
            n.close();
        }
    }

    /** A row of {@code tessera.nodes}; {@code metaLeader} is empty when the view has no such column. */
    public record NodeRow(String nodeId, String sqlAddr, String rpcAddr, String labels, String state, long replicas,
            long leaders, Optional<Boolean> metaLeader) {}

    /** A row of {@code tessera.fragments}. */
    public record FragmentRow(String table, long fragmentId, List<String> replicas, String leader, long raftTerm,
            long appliedIndex) {}
}
