package io.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.server.NodeConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StartCommandTest {

    private static StartCommand parse(String... args) {
        StartCommand cmd = new StartCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void withoutClusterFlagsTheNodeStartsItsOwnClusterWithTheDefaultDeadAfter() {
        NodeConfig config = parse().config();
        assertThat(config.join()).isEmpty();
        assertThat(config.labels()).isEmpty();
        assertThat(config.deadAfter()).isEqualTo(NodeConfig.DEAD_AFTER_DEFAULT);
        assertThat(config.gcWindow()).isEqualTo(NodeConfig.GC_WINDOW_DEFAULT);
    }

    @Test
    void defaultTextMatchesTheNodeDefault() {
        assertThat(ClusterFlags.parseDuration("--dead-after", StartCommand.DEAD_AFTER_DEFAULT_TEXT))
                .isEqualTo(NodeConfig.DEAD_AFTER_DEFAULT);
        assertThat(ClusterFlags.parseDuration("--gc-window", StartCommand.GC_WINDOW_DEFAULT_TEXT))
                .isEqualTo(NodeConfig.GC_WINDOW_DEFAULT);
    }

    @Test
    void gcWindowFlagReachesTheNodeConfig() {
        assertThat(parse("--gc-window", "30s").config().gcWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse("--gc-window", "10m").config().gcWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> parse("--gc-window", "500ms").config()).hasMessage("--gc-window must be at least 1s: PT0.5S");
        assertThatThrownBy(() -> parse("--gc-window", "later").config()).hasMessageStartingWith("--gc-window: expected a duration");
    }

    @Test
    void clusterFlagsReachTheNodeConfig() {
        NodeConfig config = parse("--join", "127.0.0.1:7433,127.0.0.1:7443", "--labels", "region=eu,zone=eu-1",
                "--dead-after", "30s", "--rpc-addr", "127.0.0.1:7453", "--sql-addr", "127.0.0.1:7452",
                "--http-addr", "127.0.0.1:7500").config();
        assertThat(config.join()).containsExactly("127.0.0.1:7433", "127.0.0.1:7443");
        assertThat(config.labels()).isEqualTo(Map.of("region", "eu", "zone", "eu-1"));
        assertThat(config.deadAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badClusterFlagsExitWithUsageStatus() throws Exception {
        assertThat(parse("--labels", "region").call()).isEqualTo(2);
        assertThat(parse("--dead-after", "soon").call()).isEqualTo(2);
        assertThat(parse("--join", "nowhere").call()).isEqualTo(2);
        assertThatThrownBy(() -> parse("--dead-after", "100ms").config()).hasMessageContaining("at least 1s");
    }
}
