package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FailureReportTest {
    private final StringWriter text = new StringWriter();

    @Test
    void printsFileLineSqlExpectedAndActual() {
        FailureReport report = new FailureReport(new PrintWriter(text), 10);

        report.accept(new Failure("a.test", 42, "result differs", "SELECT x\n  FROM t1", List.of("0"), List.of("3")));

        assertThat(text.toString().lines()).containsExactly(
                "FAIL a.test:42: result differs", "  sql:", "    SELECT x", "      FROM t1",
                "  expected:", "    0", "  actual:", "    3");
    }

    @Test
    void longOutputsAreTruncated() {
        FailureReport report = new FailureReport(new PrintWriter(text), 10);
        List<String> many = IntStream.range(0, 100).mapToObj(Integer::toString).toList();

        report.accept(new Failure("a.test", 1, "result differs", "x".repeat(1000), List.of(), many));

        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(2)).hasSize(4 + FailureReport.LINE_CHARS_MAX + 4).endsWith(" ...");
        assertThat(lines).contains("    (no rows)", "    ... 80 more lines");
        assertThat(lines).hasSizeLessThan(30);
    }

    @Test
    void failuresPastTheLimitAreCountedNotPrinted() {
        FailureReport report = new FailureReport(new PrintWriter(text), 1);

        report.accept(Failure.of("a.test", 1, "first", "SELECT 1"));
        report.accept(Failure.of("a.test", 2, "second", "SELECT 2"));
        report.accept(Failure.of("a.test", 3, "third", "SELECT 3"));

        assertThat(text.toString()).contains("first").doesNotContain("second", "third");
        assertThat(report.hidden()).isEqualTo(2);
    }
}
