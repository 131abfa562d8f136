package io.tessera.cli.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * Waits until a node's SQL port accepts pgjdbc connections: the point at which a user could use it.
 * Gives up early when the node's process has exited, so a failed start is reported at once rather
 * than after the whole deadline.
 */
final class SqlReadiness {
    /** A node builds its state from disk and joins before it listens; on a busy laptop that takes a while. */
    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    static final int CONNECT_TIMEOUT_SECONDS = 2;

    enum Outcome { READY, EXITED, TIMED_OUT }

    private SqlReadiness() {
    }

    static Outcome await(String sqlAddress, Duration deadline, BooleanSupplier alive) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            if (!alive.getAsBoolean()) {
                return Outcome.EXITED;
            }
            if (accepts(sqlAddress)) {
                return Outcome.READY;
            }
            if (System.nanoTime() - end >= 0) {
                return Outcome.TIMED_OUT;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    static Connection connect(String sqlAddress, int connectTimeoutSeconds) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "tessera");
        p.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        return DriverManager.getConnection("jdbc:postgresql://" + sqlAddress + "/tessera", p);
    }

    private static boolean accepts(String sqlAddress) {
        try (Connection c = connect(sqlAddress, CONNECT_TIMEOUT_SECONDS)) {
            return c.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
