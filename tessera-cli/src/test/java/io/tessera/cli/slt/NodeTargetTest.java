package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTargetTest {

    /** Records starts and stops, and leaves a file in each data directory like a node would. */
    private static final class RecordingStarter implements NodeStarter {
        final List<String> events = new ArrayList<>();

        @Override
        public StartedNode start(Path dataDir) throws Exception {
            Files.writeString(dataDir.resolve("LOCK"), "node");
            int port = 5000 + events.size();
            events.add("start " + dataDir.getFileName());
            return new StartedNode() {
                @Override
                public int sqlPort() {
                    return port;
                }

                @Override
                public void close() {
                    events.add("stop " + dataDir.getFileName());
                }
            };
        }
    }

    @Test
    void everyFileGetsAFreshNodeAndThePreviousOneIsStoppedAndDeleted(@TempDir Path tmp) throws Exception {
        RecordingStarter starter = new RecordingStarter();
        Path base = tmp.resolve("slt");

        try (NodeTarget target = new NodeTarget(starter, base)) {
            SltTarget.FileDatabase first = target.nextFile();
            SltTarget.FileDatabase second = target.nextFile();

            assertThat(first).isEqualTo(new SltTarget.FileDatabase("jdbc:postgresql://127.0.0.1:5000/tessera", false));
            assertThat(second.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5002/tessera");
            assertThat(base.resolve("node-1")).doesNotExist();
            assertThat(base.resolve("node-2").resolve("LOCK")).exists();
        }

        assertThat(starter.events).containsExactly("start node-1", "stop node-1", "start node-2", "stop node-2");
        assertThat(base).doesNotExist();
    }

    @Test
    void aRemoteServerIsEmptiedByTheRunnerInstead() throws Exception {
        try (SltTarget target = SltTarget.remote("jdbc:postgresql://db:5432/x")) {
            assertThat(target.nextFile()).isEqualTo(new SltTarget.FileDatabase("jdbc:postgresql://db:5432/x", true));
        }
    }
}
