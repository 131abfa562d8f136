package io.tessera.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoLayoutTest {
    private static final Path DIR = Path.of("tessera-demo");

    @Test
    void defaultPortsFollowTheIssue() {
        List<DemoNode> nodes = DemoLayout.of(DIR, DemoLayout.DEFAULT_BASE_PORT);
        assertThat(nodes).extracting(DemoNode::ports).containsExactly(
                List.of(7432, 7480, 7433), List.of(7442, 7490, 7443), List.of(7452, 7500, 7453));
    }

    @Test
    void nodeOneFoundsTheClusterAndTheOthersJoinIt() {
        List<DemoNode> nodes = DemoLayout.of(DIR, DemoLayout.DEFAULT_BASE_PORT);
        assertThat(nodes).extracting(DemoNode::join)
                .containsExactly(Optional.empty(), Optional.of("127.0.0.1:7433"), Optional.of("127.0.0.1:7433"));
        assertThat(nodes).extracting(DemoNode::region).containsExactly("eu", "us", "asia");
        assertThat(nodes).extracting(DemoNode::dataDir)
                .containsExactly(DIR.resolve("node1"), DIR.resolve("node2"), DIR.resolve("node3"));
        assertThat(nodes.get(1).logFile()).isEqualTo(DIR.resolve("node2").resolve("node.log"));
    }

    @Test
    void startArgumentsOfAJoiningNode() {
        DemoNode node2 = DemoLayout.of(DIR, DemoLayout.DEFAULT_BASE_PORT).get(1);
        assertThat(node2.startArgs()).containsExactly("start", "--data-dir", DIR.resolve("node2").toString(),
                "--sql-addr", "127.0.0.1:7442", "--http-addr", "127.0.0.1:7490", "--rpc-addr", "127.0.0.1:7443",
                "--labels", "region=us", "--join", "127.0.0.1:7433");
        assertThat(node2.psqlCommand()).isEqualTo("psql -h 127.0.0.1 -p 7442 -U tessera tessera");
    }

    @Test
    void foundingNodeHasNoJoin() {
        assertThat(DemoLayout.of(DIR, DemoLayout.DEFAULT_BASE_PORT).getFirst().startArgs()).doesNotContain("--join")
                .contains("region=eu");
    }

    @Test
    void basePortShiftsEveryPortAndJoin() {
        List<DemoNode> nodes = DemoLayout.of(DIR, 20000);
        assertThat(nodes.get(2).ports()).containsExactly(20020, 20068, 20021);
        assertThat(nodes.get(2).join()).contains("127.0.0.1:20001");
        assertThat(nodes.stream().flatMap(n -> n.ports().stream()).distinct()).hasSize(9);
    }

    @Test
    void basePortMustLeaveRoomForAllPorts() {
        assertThat(DemoLayout.of(DIR, 65535 - 68)).hasSize(3);
        assertThatThrownBy(() -> DemoLayout.of(DIR, 65535 - 67)).hasMessageContaining("--base-port");
        assertThatThrownBy(() -> DemoLayout.of(DIR, 0)).hasMessageContaining("--base-port");
    }
}
