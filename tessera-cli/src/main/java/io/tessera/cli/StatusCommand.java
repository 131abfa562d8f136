package io.tessera.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tessera status}: the cluster as one node sees it, the rows of {@code tessera.nodes} and
 * {@code tessera.fragments} printed as tables. It asks through the SQL port, as any client could.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the nodes and fragments of a running cluster.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1:7432", description = "SQL address of any node (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--user", defaultValue = "tessera")
    String user;

    @Override
    public Integer call() {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("connectTimeout", "5");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + "/tessera", p);
                Statement s = c.createStatement()) {
            System.out.println("Nodes");
            print(s, "SELECT node_id, sql_addr, rpc_addr, state, replicas, leaders, labels FROM tessera.nodes ORDER BY node_id");
            System.out.println();
            System.out.println("Fragments");
            print(s, "SELECT table_name, fragment_id, key_span, replicas, leader, raft_term, applied_index, size_bytes"
                    + " FROM tessera.fragments ORDER BY table_name, fragment_id");
            return 0;
        } catch (SQLException e) {
            System.err.println("tessera status: cannot read the cluster state from " + host + ": " + e.getMessage());
            return 1;
        }
    }

    private static void print(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<String[]> rows = new ArrayList<>();
            String[] header = new String[n];
            for (int i = 0; i < n; i++) {
                header[i] = md.getColumnLabel(i + 1);
            }
            rows.add(header);
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    String v = rs.getString(i + 1);
                    row[i] = v == null ? "" : v;
                }
                rows.add(row);
            }
            int[] width = new int[n];
            for (String[] row : rows) {
                for (int i = 0; i < n; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            for (int r = 0; r < rows.size(); r++) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    line.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", rows.get(r)[i]));
                }
                System.out.println(line.toString().stripTrailing());
                if (r == 0) {
                    System.out.println("-".repeat(line.toString().stripTrailing().length()));
                }
            }
            int count = rows.size() - 1;
            System.out.println("(" + count + (count == 1 ? " row)" : " rows)"));
        }
    }
}
