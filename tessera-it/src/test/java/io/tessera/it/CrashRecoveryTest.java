package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every acknowledged write survives {@code kill -9}, and nothing else appears: the write path is
 * Raft log (fsynced) then RocksDB, and a restart replays what RocksDB had not made durable.
 */
class CrashRecoveryTest {
    @TempDir
    Path tmp;
    NodeProcess node;

    @AfterEach
    void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void acknowledgedRowsSurviveKillDuringWrites() throws Exception {
        node = NodeProcess.start(tmp);
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)");
        }
        List<Long> acknowledged = new ArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        Thread writer = new Thread(() -> writeUntilKilled(acknowledged, killed));
        writer.start();
        while (size(acknowledged) < 300) {
            Thread.onSpinWait();
        }
        killed.set(true);
        node.kill();
        writer.join();

        node.restart();
        List<Long> present = new ArrayList<>();
        try (Connection c = node.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, payload FROM events ORDER BY id")) {
            while (rs.next()) {
                present.add(rs.getLong(1));
                assertThat(rs.getString(2)).isEqualTo("event-" + rs.getLong(1));
            }
        }
        List<Long> acked = snapshot(acknowledged);
        assertThat(present).containsAll(acked);
        // At most the one insert in flight at the kill may have committed without its acknowledgement.
        assertThat(present.size()).isBetween(acked.size(), acked.size() + 1);
        assertThat(present).doesNotHaveDuplicates();
    }

    @Test
    void catalogAndDataSurviveOrderlyRestart() throws Exception {
        node = NodeProcess.start(tmp);
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k INT PRIMARY KEY, v TEXT)");
            s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
            s.execute("DELETE FROM t WHERE k = 2");
        }
        assertThat(node.stop()).isIn(0, 130, 143);
        node.restart();
        try (Connection c = node.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT k, v FROM t ORDER BY k")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("one");
            assertThat(rs.next()).isFalse();
        }
    }

    private void writeUntilKilled(List<Long> acknowledged, AtomicBoolean killed) {
        try (Connection c = node.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO events VALUES (?, ?)")) {
            for (long id = 1; !killed.get(); id++) {
                ps.setLong(1, id);
                ps.setString(2, "event-" + id);
                ps.executeUpdate();
                synchronized (acknowledged) {
                    acknowledged.add(id);
                }
            }
        } catch (SQLException expectedWhenKilled) {
            assertThat(killed).as("write failed before the kill: " + expectedWhenKilled).isTrue();
        }
    }

    private static int size(List<Long> list) {
        synchronized (list) {
            return list.size();
        }
    }

    private static List<Long> snapshot(List<Long> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
