package io.tessera.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tessera status}: the cluster as one node sees it, the rows of {@code tessera.nodes} and
 * {@code tessera.fragments} printed as tables. It asks through the SQL port, as any client could,
 * with {@code SELECT *} so that columns the views gain appear without a change here.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the nodes and fragments of a running cluster.")
final class StatusCommand implements Callable<Integer> {
    static final String NODES_SQL = "SELECT * FROM tessera.nodes ORDER BY node_id";
    static final String FRAGMENTS_SQL = "SELECT * FROM tessera.fragments ORDER BY table_name, fragment_id";

    @Option(names = "--host", defaultValue = "127.0.0.1:7432", description = "SQL address of any node (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--user", defaultValue = NodeConnection.DEFAULT_USER)
    String user;

    @Override
    public Integer call() {
        try (Connection c = NodeConnection.open(host, user)) {
            System.out.println("Nodes");
            print(c, NODES_SQL);
            System.out.println();
            System.out.println("Fragments");
            print(c, FRAGMENTS_SQL);
            return 0;
        } catch (SQLException e) {
            System.err.println("tessera status: " + NodeConnection.describe(host, e));
            return 1;
        }
    }

    static void print(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            TextTable.of(rs).lines().forEach(System.out::println);
        }
    }
}
