package io.tessera.cli.slt;

import java.util.List;

/** One record that did not behave as its script says; {@code expected}/{@code actual} may be empty. */
record Failure(String file, int line, String reason, String sql, List<String> expected, List<String> actual) {
    Failure {
        expected = List.copyOf(expected);
        actual = List.copyOf(actual);
    }

    static Failure of(String file, int line, String reason, String sql) {
        return new Failure(file, line, reason, sql, List.of(), List.of());
    }
}
