package io.tessera.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path dir;

    @Test
    void lastLinesOfALongLog() throws Exception {
        Path log = dir.resolve("node.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n");
        assertThat(LogTail.last(log, 3)).containsExactly("line 98", "line 99", "line 100");
    }

    @Test
    void shortLogIsShownWhole() throws Exception {
        Path log = dir.resolve("node.log");
        Files.writeString(log, "only\n");
        assertThat(LogTail.last(log, 40)).containsExactly("only");
    }

    @Test
    void bytesThatAreNotUtf8DoNotHideTheTail() throws Exception {
        Path log = dir.resolve("node.log");
        Files.write(log, new byte[] {'a', (byte) 0xff, '\n', 'b', '\n'});
        assertThat(LogTail.last(log, 2)).hasSize(2).last().isEqualTo("b");
    }

    @Test
    void missingLogSaysSo() {
        assertThat(LogTail.last(dir.resolve("none.log"), 5)).singleElement().asString().startsWith("(no log at ");
    }
}
