package io.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecommissionWaitTest {
    private long now;
    private final List<String> printed = new ArrayList<>();
    private int polls;

    /** Answers the scripted rows in turn and repeats the last one; sleeping advances the fake clock. */
    private DecommissionWait waitOver(List<Optional<DecommissionWait.Progress>> script) {
        Deque<Optional<DecommissionWait.Progress>> rows = new ArrayDeque<>(script);
        return new DecommissionWait(() -> {
            polls++;
            return rows.size() > 1 ? rows.removeFirst() : rows.getFirst();
        }, () -> now, d -> now += d.toNanos(), printed::add);
    }

    private static Optional<DecommissionWait.Progress> row(String state, long replicas) {
        return Optional.of(new DecommissionWait.Progress(state, replicas));
    }

    @Test
    void followsTheDrainUntilDecommissionedPrintingOnlyChanges() throws Exception {
        DecommissionWait wait = waitOver(List.of(row("decommissioning", 6), row("decommissioning", 6),
                row("decommissioning", 2), row("decommissioned", 0)));
        assertThat(wait.await("n2", Duration.ofMinutes(10))).isEqualTo(DecommissionWait.Outcome.DECOMMISSIONED);
        assertThat(printed).containsExactly("node n2: decommissioning, 6 replicas left",
                "node n2: decommissioning, 2 replicas left", "node n2: decommissioned, 0 replicas left");
        assertThat(polls).isEqualTo(4);
        assertThat(now).isEqualTo(3 * DecommissionWait.POLL_INTERVAL.toNanos());
    }

    @Test
    void givesUpAtTheDeadline() throws Exception {
        DecommissionWait wait = waitOver(List.of(row("decommissioning", 3)));
        assertThat(wait.await("n2", Duration.ofSeconds(10))).isEqualTo(DecommissionWait.Outcome.TIMED_OUT);
        assertThat(now).isEqualTo(Duration.ofSeconds(10).toNanos());
        assertThat(printed).hasSize(1);
    }

    @Test
    void aNodeNoLongerListedHasBeenRemoved() throws Exception {
        DecommissionWait wait = waitOver(List.of(row("decommissioning", 1), Optional.empty()));
        assertThat(wait.await("n3", Duration.ofMinutes(1))).isEqualTo(DecommissionWait.Outcome.REMOVED);
        assertThat(printed).last().isEqualTo("node n3 is no longer listed in tessera.nodes");
    }
}
