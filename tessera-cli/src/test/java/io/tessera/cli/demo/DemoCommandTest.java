package io.tessera.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cli.Main;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo's checks before it starts anything. */
class DemoCommandTest {
    @TempDir
    Path dir;

    private static int demo(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new PrintWriter(Writer.nullWriter()));
        return cl.execute(args);
    }

    @Test
    void takenPortStopsTheDemoBeforeAnyNodeStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(DemoNode.HOST))) {
            int status = demo("demo", "--dir", dir.toString(), "--base-port", Integer.toString(taken.getLocalPort()));
            assertThat(status).isEqualTo(1);
        }
        try (var entries = Files.list(dir)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void basePortOutOfRangeIsAUsageError() {
        assertThat(demo("demo", "--dir", dir.toString(), "--base-port", "65500")).isEqualTo(2);
    }
}
