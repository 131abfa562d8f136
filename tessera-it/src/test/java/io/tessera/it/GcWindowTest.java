package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tessera start --gc-window 1s}: the node garbage-collects the old versions that UPDATEs leave behind. */
class GcWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern COLLECTED =
            Pattern.compile("(?m)^tessera_kv_gc_versions_collected_total\\{fragment=\"\\d+\"} ([0-9.eE+]+)$");
    private static final int UPDATES = 5;

    @Test
    void oldVersionsLeftByUpdatesAreCollectedAfterTheWindow(@TempDir Path dir) throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, List.of("--gc-window", "1s"));
                Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gc_t (id INT PRIMARY KEY, v INT) WITH (fragments = 1)");
            s.execute("INSERT INTO gc_t VALUES (1, 0)");
            for (int i = 1; i <= UPDATES; i++) {
                s.execute("UPDATE gc_t SET v = " + i + " WHERE id = 1");
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            double collected;
            while ((collected = collected(node)) < UPDATES) {
                assertThat(System.nanoTime()).as("%s versions collected within %s", UPDATES, WAIT).isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(collected).isGreaterThanOrEqualTo(UPDATES);
            try (ResultSet rs = s.executeQuery("SELECT v FROM gc_t WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(UPDATES);
            }
        }
    }

    /** The sum over fragments of the node's versions-collected counter, read from /metrics. */
    private static double collected(NodeProcess node) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        Matcher m = COLLECTED.matcher(metrics.body());
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }
}
