package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hash-fragmented table behaves like one table: rows spread over its fragments come back in
 * key order, and the operator sees each fragment's Raft group in {@code tessera.fragments}.
 */
class FragmentedTableTest {
    static NodeProcess node;

    @BeforeAll
    static void setUp() throws Exception {
        node = SharedNode.get();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS frag_t (id INT PRIMARY KEY, v TEXT) WITH (fragments = 8)");
            s.execute("DELETE FROM frag_t");
            s.execute("INSERT INTO frag_t SELECT 1500 - g, 'v' || g FROM generate_series(0, 2999) g");
        }
    }

    @Test
    void rangeScansMergeFragmentsInKeyOrder() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM frag_t WHERE id >= -100 AND id < 100")) {
            List<Integer> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
            assertThat(ids).hasSize(200).isSorted().startsWith(-100).endsWith(99);
        }
    }

    @Test
    void pointReadsFindEveryRow() throws Exception {
        try (Connection c = node.connect(); PreparedStatement ps = c.prepareStatement("SELECT v FROM frag_t WHERE id = ?")) {
            for (int id : new int[] {1500, 0, -1499, 777}) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("row %d", id).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("v" + (1500 - id));
                }
            }
        }
    }

    @Test
    void fragmentsAreListedWithTheirRaftState() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT fragment_id, key_span, leader, raft_term, applied_index"
                        + " FROM tessera.fragments WHERE table_name = 'frag_t' ORDER BY fragment_id")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertThat(rs.getString("key_span")).startsWith("hash [");
                assertThat(rs.getString("leader")).isNotBlank();
                assertThat(rs.getLong("raft_term")).isPositive();
                assertThat(rs.getLong("applied_index")).as("3000 rows spread over 8 fragments").isPositive();
            }
            assertThat(rows).isEqualTo(8);
        }
        try (Connection c = node.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT state, replicas >= 8, leaders >= 8 FROM tessera.nodes")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("live");
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.getBoolean(3)).isTrue();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void metricsAndHealthAreServedOverHttp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("tessera_pgwire_connections_total").contains("jvm_memory_used_bytes")
                .contains("tessera_node_live 1").contains("tessera_raft_proposals_total{kind=\"fragment\"}")
                .contains("tessera_raft_apply_seconds_count{kind=\"fragment\"}").contains("tessera_kv_writes_total{fragment=");
    }
}
