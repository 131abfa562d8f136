package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SltCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new SltCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void directoriesAreSearchedRecursivelyForTestFilesInOrder(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("evidence"));
        Files.writeString(tmp.resolve("select2.test"), "");
        Files.writeString(tmp.resolve("select1.test"), "");
        Files.writeString(tmp.resolve("README.md"), "");
        Files.writeString(tmp.resolve("evidence/slt_lang_update.test"), "");
        Path explicit = Files.writeString(tmp.resolve("other.slt"), "");

        assertThat(SltCommand.collectFiles(List.of(tmp, explicit))).containsExactly(
                tmp.resolve("evidence/slt_lang_update.test"), tmp.resolve("select1.test"),
                tmp.resolve("select2.test"), explicit);
    }

    @Test
    void missingPathsAndEmptyDirectoriesAreRejected(@TempDir Path tmp) {
        assertThatThrownBy(() -> SltCommand.collectFiles(List.of(tmp.resolve("nope"))))
                .hasMessageContaining("no such file or directory");
        assertThatThrownBy(() -> SltCommand.collectFiles(List.of(tmp))).hasMessageContaining("no .test files");
        assertThat(run("--url", "jdbc:postgresql://127.0.0.1:1/x", tmp.toString())).isEqualTo(SltCommand.EXIT_SETUP);
    }

    @Test
    void aServerThatIsNotThereFailsEveryRecordOnceAndTheSummaryIsTheLastLine(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a.test"), """
                statement ok
                CREATE TABLE t1(a INTEGER)

                skipif postgresql
                statement ok
                SELECT 1

                query I nosort
                SELECT a FROM t1
                ----
                """);

        int exit = run("--url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/x", "--timeout", "5", file.toString());

        List<String> lines = out.toString().lines().toList();
        assertThat(exit).isEqualTo(SltCommand.EXIT_FAILED);
        assertThat(lines.getLast()).isEqualTo("0 passed, 2 failed, 1 skipped");
        assertThat(lines).anyMatch(l -> l.startsWith("FAIL " + file + ":8: query failed: no connection"));
    }

    @Test
    void floorDecidesTheExitCodeAndIsPrinted(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a.test"), "statement ok\nSELECT 1\n");

        int exit = run("--url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/x", "--floor", "0", file.toString());

        assertThat(exit).isEqualTo(SltCommand.EXIT_OK);
        assertThat(out.toString().lines().toList()).endsWith("floor 0 met: 0 passed", "0 passed, 1 failed");
    }

    @Test
    void badOptionsAreSetupErrors(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a.test"), "statement ok\nSELECT 1\n");

        assertThat(run("--url", "jdbc:mysql://h/x", file.toString())).isEqualTo(SltCommand.EXIT_SETUP);
        assertThat(err.toString()).contains("--url must start with jdbc:postgresql:");
        assertThat(run("--url", "jdbc:postgresql://h/x", "--floor", "-1", file.toString())).isEqualTo(SltCommand.EXIT_SETUP);
        assertThat(run("--url", "jdbc:postgresql://h/x", "--max-failures-shown", "-1", file.toString())).isEqualTo(SltCommand.EXIT_SETUP);
        assertThat(run("--url", "jdbc:postgresql://h/x", "--timeout", "-1", file.toString())).isEqualTo(SltCommand.EXIT_SETUP);
        assertThat(err.toString()).contains("--max-failures-shown must be >= 0", "timeout must be >= 0");
    }

    /** A loopback port nobody listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
