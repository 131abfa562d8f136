package io.tessera.cli.slt;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints failures as they happen, up to a limit, each with its {@code file:line}, the SQL and the
 * expected and actual values, truncated so that one huge result cannot flood the log.
 */
final class FailureReport implements Consumer<Failure> {
    /** Lines of SQL or of values shown per failure; enough to see the difference in the corpus. */
    static final int LINES_SHOWN_MAX = 20;
    /** Characters of one line shown; long single-line SQL is cut here. */
    static final int LINE_CHARS_MAX = 400;

    private final PrintWriter out;
    private final int failuresShownMax;
    private int seen;

    FailureReport(PrintWriter out, int failuresShownMax) {
        if (failuresShownMax < 0) {
            throw new IllegalArgumentException("failures shown must be >= 0, got " + failuresShownMax);
        }
        this.out = out;
        this.failuresShownMax = failuresShownMax;
    }

    @Override
    public void accept(Failure failure) {
        seen++;
        if (seen > failuresShownMax) {
            return;
        }
        out.println("FAIL " + failure.file() + ":" + failure.line() + ": " + failure.reason());
        if (!failure.sql().isEmpty()) {
            out.println("  sql:");
            printLines(failure.sql().lines().toList());
        }
        if (!failure.expected().isEmpty() || !failure.actual().isEmpty()) {
            out.println("  expected:");
            printLines(failure.expected());
            out.println("  actual:");
            printLines(failure.actual());
        }
        out.flush();
    }

    /** Failures beyond the limit, which were counted but not printed. */
    int hidden() {
        return Math.max(0, seen - failuresShownMax);
    }

    private void printLines(List<String> lines) {
        int shown = Math.min(lines.size(), LINES_SHOWN_MAX);
        for (int i = 0; i < shown; i++) {
            String line = lines.get(i);
            out.println("    " + (line.length() > LINE_CHARS_MAX ? line.substring(0, LINE_CHARS_MAX) + " ..." : line));
        }
        if (lines.size() > shown) {
            out.println("    ... " + (lines.size() - shown) + " more lines");
        }
        if (lines.isEmpty()) {
            out.println("    (no rows)");
        }
    }
}
