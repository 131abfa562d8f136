package io.tessera.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections of the operator commands ({@code status}, {@code node}, {@code demo}) to a node's SQL
 * port through pgjdbc, exactly as any client connects: the commands need no other access to a node.
 */
final class NodeConnection {
    static final String DATABASE = "tessera";
    static final String DEFAULT_USER = "tessera";
    /** Seconds pgjdbc waits for the TCP connection: a node that does not answer in this time is down. */
    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private NodeConnection() {
    }

    static String url(String hostPort) {
        return "jdbc:postgresql://" + hostPort + "/" + DATABASE;
    }

    static Connection open(String hostPort, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(url(hostPort), p);
    }

    /** Whether the error says the node could not be reached (SQLSTATE class 08), rather than refused a statement. */
    static boolean isUnreachable(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    /** One line for the operator: "cannot connect to H: reason" or the server's message with its SQLSTATE. */
    static String describe(String hostPort, SQLException e) {
        if (isUnreachable(e)) {
            return "cannot connect to " + hostPort + ": " + e.getMessage();
        }
        return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }
}
