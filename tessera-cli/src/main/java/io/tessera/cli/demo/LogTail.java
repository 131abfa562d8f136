package io.tessera.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last lines of a node's log, shown when the node fails so the cause is on screen. */
final class LogTail {
    static final int LINES = 40;

    private LogTail() {
    }

    static List<String> last(Path log, int n) {
        Deque<String> tail = new ArrayDeque<>(n);
        // InputStreamReader replaces bytes that are not UTF-8 rather than failing on them
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (tail.size() == n) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            }
        } catch (NoSuchFileException e) {
            return List.of("(no log at " + log + ")");
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
        return List.copyOf(tail);
    }
}
