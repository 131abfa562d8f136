package io.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterFlagsTest {

    @Test
    void joinListsAddressesInOrder() {
        assertThat(ClusterFlags.parseJoin("127.0.0.1:7433, node2:7443")).containsExactly("127.0.0.1:7433", "node2:7443");
        assertThat(ClusterFlags.parseJoin("[::1]:7433")).containsExactly("[::1]:7433");
    }

    @Test
    void absentJoinStartsANewCluster() {
        assertThat(ClusterFlags.parseJoin(null)).isEmpty();
        assertThat(ClusterFlags.parseJoin(" ")).isEmpty();
    }

    @Test
    void badJoinAddressNamesTheFlag() {
        assertThatThrownBy(() -> ClusterFlags.parseJoin("node2")).hasMessageStartingWith("--join: expected host:port");
        assertThatThrownBy(() -> ClusterFlags.parseJoin("a:1,,b:2")).hasMessageContaining("empty address");
        assertThatThrownBy(() -> ClusterFlags.parseJoin("a:x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ClusterFlags.parseJoin("a:70000")).hasMessageContaining("outside 0..65535");
    }

    @Test
    void labelsKeepTheirOrder() {
        assertThat(ClusterFlags.parseLabels("region=eu,zone=eu-1,rack=r_2.a")).containsExactly(
                java.util.Map.entry("region", "eu"), java.util.Map.entry("zone", "eu-1"), java.util.Map.entry("rack", "r_2.a"));
        assertThat(ClusterFlags.parseLabels(null)).isEmpty();
    }

    @Test
    void labelsAreKeyValuePairsOfPlainCharacters() {
        for (String bad : List.of("region", "region=", "=eu", "region=e u", "region=eu,", "re/gion=eu", "region=eu=1", "région=eu")) {
            assertThatThrownBy(() -> ClusterFlags.parseLabels(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--labels: ");
        }
    }

    @Test
    void labelKeyGivenTwiceIsRefused() {
        assertThatThrownBy(() -> ClusterFlags.parseLabels("region=eu,region=us")).hasMessage("--labels: key 'region' is given twice");
    }

    @Test
    void durationsInEachUnit() {
        assertThat(ClusterFlags.parseDuration("--dead-after", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ClusterFlags.parseDuration("--dead-after", "10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(ClusterFlags.parseDuration("--dead-after", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ClusterFlags.parseDuration("--dead-after", "1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void badDurationNamesTheFlag() {
        for (String bad : List.of("", "10", "s", "-5s", "1.5m", "10 min", "5d", "9999999999s")) {
            assertThatThrownBy(() -> ClusterFlags.parseDuration("--dead-after", bad)).as(bad)
                    .hasMessageStartingWith("--dead-after: expected a duration such as 10s, 2m or 1h");
        }
    }
}
