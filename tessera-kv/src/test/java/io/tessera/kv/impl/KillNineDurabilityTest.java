package io.tessera.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.time.Clock;
import io.tessera.kv.api.FragmentRouter;
import io.tessera.kv.api.StorageNode;
import io.tessera.kv.api.StorageNodeConfig;
import io.tessera.kv.api.StorageNodeConfig.StorageTuning;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write acknowledged before a kill -9 of the node's process is there after a restart. */
class KillNineDurabilityTest {
    @TempDir Path dir;

    static StorageNodeConfig config(Path dataDir) {
        // A low snapshot threshold so that snapshots and log purges happen while the writer runs.
        return new StorageNodeConfig(dataDir, "127.0.0.1:0", new StorageTuning(100, 64 << 10, 1, 200, true));
    }

    @Test
    void acknowledgedWritesSurviveKillMinus9() throws Exception {
        Path data = dir.resolve("data");
        long lastAcked = runAndKill(data, 150);

        try (StorageNode node = StorageNode.open(config(data), Clock.system())) {
            TableDescriptor t = node.catalog().table("crash").orElseThrow();
            for (long id = 0; id <= lastAcked; id++) {
                byte[] key = StorageNodeTest.key(t, id);
                assertThat(node.kv().get(FragmentRouter.owner(t, key).id(), key)).as("acknowledged row %d", id).isPresent();
            }
        }
    }

    /** Starts the writer, kills it with SIGKILL after {@code acks} acknowledgements; returns the last one it printed. */
    private static long runAndKill(Path data, int acks) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long last = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("acked ")) {
                    last = Long.parseLong(line.substring(6));
                    if (last + 1 == acks) {
                        // SIGKILL: no shutdown hooks, no flushes. Acks after this one are not
                        // read (destroying closes the pipe), so only seen acks are checked.
                        process.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(last).as("writer acknowledged writes before it was killed").isGreaterThanOrEqualTo(acks - 1);
        return last;
    }
}
