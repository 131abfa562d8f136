package io.tessera.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.server.HostPort;
import io.tessera.server.NodeConfig;
import io.tessera.server.TesseraNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's SQL steps against a real node in this JVM: readiness and the sample data. The table is
 * created here without {@code replicas = 3}, which one node cannot satisfy; the demo's own statement
 * runs against three nodes.
 */
class DemoAgainstANodeTest {
    @TempDir
    static Path dataDir;
    private static TesseraNode node;
    private static String sqlAddress;

    @BeforeAll
    static void startNode() throws Exception {
        int rpcPort;
        try (ServerSocket s = new ServerSocket(0)) {
            rpcPort = s.getLocalPort();
        }
        HostPort anyPort = HostPort.parse("127.0.0.1:0");
        node = TesseraNode.start(new NodeConfig(dataDir, anyPort, anyPort, new HostPort("127.0.0.1", rpcPort)));
        sqlAddress = "127.0.0.1:" + node.sqlPort();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void runningNodeIsReady() throws Exception {
        assertThat(SqlReadiness.await(sqlAddress, Duration.ofSeconds(30), () -> true)).isEqualTo(SqlReadiness.Outcome.READY);
    }

    @Test
    void oneNodeCountsItselfLive() throws Exception {
        try (Connection c = SqlReadiness.connect(sqlAddress, SqlReadiness.CONNECT_TIMEOUT_SECONDS)) {
            assertThat(Membership.awaitLive(c, 1, Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(Membership.awaitLive(c, 2, Duration.ZERO)).isEqualTo(1);
        }
    }

    @Test
    void fillIsIdempotentAndCompletesAnInterruptedFill() throws Exception {
        try (Connection c = SqlReadiness.connect(sqlAddress, SqlReadiness.CONNECT_TIMEOUT_SECONDS);
                Statement s = c.createStatement()) {
            s.execute(CustomerData.CREATE_SQL.replace(", replicas = 3", ""));
            assertThat(CustomerData.fill(c)).isEqualTo(CustomerData.ROWS);
            assertThat(CustomerData.fill(c)).isZero();
            s.execute("DELETE FROM customers WHERE id > 990");
            assertThat(CustomerData.fill(c)).isEqualTo(10);
            try (ResultSet rs = s.executeQuery("SELECT region, count(*) FROM customers GROUP BY region ORDER BY region")) {
                int groups = 0;
                long total = 0;
                while (rs.next()) {
                    groups++;
                    total += rs.getLong(2);
                }
                assertThat(groups).isEqualTo(DemoLayout.REGIONS.size());
                assertThat(total).isEqualTo(CustomerData.ROWS);
            }
            try (ResultSet rs = s.executeQuery("SELECT name, email, created_at FROM customers WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                CustomerData.Customer first = CustomerData.customer(1);
                assertThat(rs.getString(1)).isEqualTo(first.name());
                assertThat(rs.getString(2)).isEqualTo(first.email());
                assertThat(rs.getObject(3, java.time.OffsetDateTime.class).toInstant()).isEqualTo(first.createdAt().toInstant());
            }
        }
    }
}
