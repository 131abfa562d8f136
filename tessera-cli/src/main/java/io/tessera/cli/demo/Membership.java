package io.tessera.cli.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Waits until a node counts the whole demo cluster as live in {@code tessera.nodes}. A node accepts
 * SQL before the others have heard its heartbeat, and a table asking for three replicas is refused
 * while fewer than three nodes are known, so the demo creates its table only after this.
 */
final class Membership {
    /** Heartbeats arrive within seconds of a join; this bounds a cluster that never forms. */
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    static final String LIVE_SQL = "SELECT count(*) FROM tessera.nodes WHERE state = 'live'";

    private Membership() {
    }

    /** Polls until {@code expected} nodes are live or the deadline passes; returns the last count seen. */
    static long awaitLive(Connection c, int expected, Duration deadline) throws SQLException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            long live = liveNodes(c);
            if (live >= expected || System.nanoTime() - end >= 0) {
                return live;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static long liveNodes(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LIVE_SQL)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
