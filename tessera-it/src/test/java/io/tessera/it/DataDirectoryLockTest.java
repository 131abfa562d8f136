package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes on one data directory would corrupt it; the second is refused with a clear message. */
class DataDirectoryLockTest {
    @TempDir
    Path tmp;

    @Test
    void secondNodeOnSameDirectoryIsRefused() throws Exception {
        try (NodeProcess first = NodeProcess.start(tmp)) {
            Process second = first.launchRaw(first.command(first.dataDir(), 0, 0, 0));
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isNotZero();
            assertThat(first.log()).contains("in use by another Tessera node");
            try (var c = first.connect(); var s = c.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
        }
    }
}
