package io.tessera.cli.slt;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One pgjdbc connection for one file, in autocommit, with one reused {@link Statement}.
 *
 * <p>Every statement is bounded by the query timeout (pgjdbc sends a cancel request). A server that
 * ignores the cancel is still bounded by the socket timeout, a little longer; the connection is
 * then broken, and the next record reconnects so that the rest of the file still runs. When a
 * connection cannot be opened at all, every later record of the file fails at once instead of
 * waiting for its own connect timeout.
 */
final class JdbcSession implements SqlExecutor, AutoCloseable {
    /** Extra socket time past the query timeout, so the cancel request gets its chance first. */
    static final int SOCKET_GRACE_SECONDS = 10;
    /** Time to open a connection; a local server answers in milliseconds. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    /**
     * How to reach the server; {@code password} may be null; a query timeout of 0 means none.
     * {@code socketGraceSeconds} is {@link #SOCKET_GRACE_SECONDS} except in tests.
     */
    record Settings(String url, String user, String password, int queryTimeoutSeconds, int socketGraceSeconds) {
        Settings {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("--url must start with jdbc:postgresql:, got " + url);
            }
            if (queryTimeoutSeconds < 0) {
                throw new IllegalArgumentException("timeout must be >= 0 seconds, got " + queryTimeoutSeconds);
            }
            if (socketGraceSeconds < 1) {
                throw new IllegalArgumentException("socket grace must be >= 1 second, got " + socketGraceSeconds);
            }
        }

        Settings(String url, String user, String password, int queryTimeoutSeconds) {
            this(url, user, password, queryTimeoutSeconds, SOCKET_GRACE_SECONDS);
        }

        Settings withUrl(String otherUrl) {
            return new Settings(otherUrl, user, password, queryTimeoutSeconds, socketGraceSeconds);
        }
    }

    private final Settings settings;
    private Connection connection;
    private Statement statement;
    private SQLException connectFailure;

    JdbcSession(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void execute(String sql) throws SQLException {
        statement().execute(sql);
    }

    @Override
    public QueryOutput query(String sql, String types) throws SQLException {
        Statement st = statement();
        if (!st.execute(sql)) {
            throw new SQLException("the SQL returned no rows description (update count " + st.getUpdateCount() + ")");
        }
        try (ResultSet rs = st.getResultSet()) {
            int columns = rs.getMetaData().getColumnCount();
            if (columns != types.length()) {
                return new QueryOutput(columns, List.of());
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(renderRow(rs, types));
            }
            return new QueryOutput(columns, rows);
        }
    }

    private static List<String> renderRow(ResultSet rs, String types) throws SQLException {
        List<String> row = new ArrayList<>(types.length());
        for (int c = 0; c < types.length(); c++) {
            char letter = types.charAt(c);
            // T takes the server's own text; I and R take the typed value, to convert numbers exactly.
            Object value = letter == 'T' ? rs.getString(c + 1) : rs.getObject(c + 1);
            row.add(ValueFormat.format(value, letter));
        }
        return row;
    }

    private Statement statement() throws SQLException {
        if (connectFailure != null) {
            throw new SQLException("no connection: " + SltRunner.describe(connectFailure), "08001", connectFailure);
        }
        if (connection == null || connection.isClosed()) {
            close();
            try {
                connection = open(settings);
                statement = connection.createStatement();
                statement.setQueryTimeout(settings.queryTimeoutSeconds());
            } catch (SQLException e) {
                connectFailure = e;
                throw e;
            }
        }
        return statement;
    }

    static Connection open(Settings settings) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.setProperty("ApplicationName", "tessera-slt");
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        if (settings.queryTimeoutSeconds() > 0) {
            props.setProperty("socketTimeout", String.valueOf(settings.queryTimeoutSeconds() + settings.socketGraceSeconds()));
        }
        Connection connection = DriverManager.getConnection(settings.url(), props);
        connection.setAutoCommit(true);
        return connection;
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // The connection is being thrown away; a failure to close it changes nothing for the run.
        } finally {
            connection = null;
            statement = null;
        }
    }
}
