package io.tessera.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestration of child processes, with small shell processes standing in for the nodes. */
class NodeProcessesTest {
    @TempDir
    Path dir;

    private DemoNode node(int number) {
        return new DemoNode(number, dir.resolve("node" + number), 1, 2, 3, "eu", Optional.empty());
    }

    private static NodeProcesses running(Map<Integer, String> scripts) {
        return new NodeProcesses(n -> List.of("sh", "-c", scripts.get(n.number())));
    }

    @Test
    void outputGoesToTheNodeLog() throws Exception {
        NodeProcesses processes = running(Map.of(1, "echo started; echo oops >&2"));
        NodeProcesses.Running r = processes.start(node(1));
        assertThat(r.process().waitFor()).isZero();
        assertThat(Files.readAllLines(node(1).logFile())).containsExactlyInAnyOrder("started", "oops");
    }

    @Test
    void firstExitIsTheNodeThatDied() throws Exception {
        NodeProcesses processes = running(Map.of(1, "exec sleep 60", 2, "exit 3", 3, "exec sleep 60"));
        processes.start(node(1));
        processes.start(node(2));
        processes.start(node(3));
        NodeProcesses.Running exited = processes.awaitFirstExit();
        assertThat(exited.node().number()).isEqualTo(2);
        assertThat(exited.process().exitValue()).isEqualTo(3);
        processes.stopAll(NodeProcesses.STOP_GRACE);
        assertThat(processes.running()).noneMatch(r -> r.process().isAlive());
    }

    @Test
    void stopKillsANodeThatIgnoresSigterm() throws Exception {
        NodeProcesses processes = running(Map.of(1, "trap '' TERM; echo ready; exec sleep 60", 2, "exec sleep 60"));
        NodeProcesses.Running stubborn = processes.start(node(1));
        NodeProcesses.Running polite = processes.start(node(2));
        awaitLog(node(1), "ready");
        processes.stopAll(Duration.ofMillis(200));
        assertThat(stubborn.process().isAlive()).isFalse();
        assertThat(stubborn.process().exitValue()).isEqualTo(128 + 9);
        assertThat(polite.process().exitValue()).isEqualTo(128 + 15);
    }

    private static void awaitLog(DemoNode node, String line) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(node.logFile()) || !Files.readAllLines(node.logFile()).contains(line)) {
            assertThat(System.nanoTime() - end).as("waiting for '" + line + "'").isNegative();
            Thread.sleep(20);
        }
    }
}
