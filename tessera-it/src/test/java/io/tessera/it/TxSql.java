package io.tessera.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.TreeMap;
import java.util.Map;

/**
 * What the transaction tests share: connections with a socket timeout (a statement that waits on a
 * lock forever fails the test instead of hanging it), one-value queries, and the SQLSTATE classes a
 * transactional client must handle: retry (40001, 40P01) and connection loss (class 08, 57P, and
 * pgjdbc's "connection closed", which carries no SQLSTATE).
 */
final class TxSql {
    /** Longer than any lock wait or leader change a test expects; only a hang reaches it. */
    static final int SOCKET_TIMEOUT_SECONDS = 60;

    private TxSql() {}

    /** An autocommit connection to {@code node} with {@link #SOCKET_TIMEOUT_SECONDS}. */
    static Connection open(NodeProcess node) throws SQLException {
        Properties p = new Properties();
        p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        return node.connect(p);
    }

    static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** The single value of {@code sql}, or null when it returns no row. */
    static Long queryLongOrNull(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from: " + sql);
            }
            return rs.getString(1);
        }
    }

    static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** {@code id -> v} for every row of a two-column table. */
    static Map<Long, Long> contents(Connection c, String table) throws SQLException {
        Map<Long, Long> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v FROM " + table)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    static String state(SQLException e) {
        return e.getSQLState() == null ? "none" : e.getSQLState();
    }

    /** 40001 (serialization failure) or 40P01 (deadlock): the transaction was rolled back; run it again. */
    static boolean isRetry(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /** 40003: the server could not tell whether COMMIT took effect (a leader changed under it); the client cannot either. */
    static boolean isOutcomeUnknown(SQLException e) {
        return "40003".equals(e.getSQLState());
    }

    /** The connection is gone: its node died or shut down (class 08, 57P01..03), or pgjdbc closed it (no SQLSTATE). */
    static boolean isConnectionLoss(SQLException e) {
        String s = e.getSQLState();
        return s == null || s.startsWith("08") || s.startsWith("57P");
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // the connection is already broken; closing it is only tidying up
        }
    }
}
